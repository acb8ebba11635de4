package io.jobline.shipping;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In a worker process: defines the classes of one {@link CodeUnit} of the caller from the bytecode the caller sent,
 * on first use, and searches the jars the caller's loader had (e.g. from {@code @Grab}). Its parent is the worker's
 * application class loader, which has the caller's class path.
 */
final class ShippedClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final int unitId;
    private final Map<String, byte[]> bytecode = new ConcurrentHashMap<>();

    ShippedClassLoader(int unitId, ClassLoader parent) {
        super("jobline-unit-" + unitId, new URL[0], parent);
        this.unitId = unitId;
    }

    int unitId() {
        return unitId;
    }

    /** Adds classes and jars the caller has and this loader had not yet; a class already defined stays as it is. */
    void add(List<CodeUnit.ClassFile> classes, List<URL> jars) {
        for (CodeUnit.ClassFile file : classes) {
            bytecode.put(file.name(), file.bytecode());
        }
        List<URL> known = List.of(getURLs());
        for (URL jar : jars) {
            if (!known.contains(jar)) {
                addURL(jar);
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] code = bytecode.get(name);
        if (code != null) {
            return defineClass(name, code, 0, code.length);
        }
        return super.findClass(name);
    }
}
