package io.jobline.shipping;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytecode of classes compiled at run time, in this JVM, by one compiler (a job script and what it defines, the
 * lines typed in a shell), recorded as they are compiled so that worker processes can define the same classes.
 *
 * <p>A unit only grows: classes are appended in the order they are compiled, so a worker that has received the
 * first {@code n} of them needs only {@link #classesFrom(int) classesFrom(n)} to catch up. All methods are
 * thread-safe.
 *
 * <p>The unit is bound to the class loader its classes live in here ({@link #bind}), so that values of those
 * classes coming back from a worker resolve to the very same classes. Jars added to that loader at run time (by
 * {@code @Grab}, say) are shipped too: see {@link #jars()}.
 */
public final class CodeUnit {

    private static final AtomicInteger IDS = new AtomicInteger();
    /**
     * Every live unit by id. Weak: a unit lives as long as its compiler or its loader holds it, so a long-running
     * embedder (a build daemon compiling scripts again and again) does not keep every script's classes forever.
     */
    private static final Map<Integer, WeakReference<CodeUnit>> UNITS = new ConcurrentHashMap<>();

    private final int id;
    private final List<ClassFile> classes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ClassFile> byName = new ConcurrentHashMap<>();
    /** Weak, so that the unit (held by the loader's own registry entry) does not keep its loader alive. */
    private volatile WeakReference<ClassLoader> loader;

    private CodeUnit(int id) {
        this.id = id;
    }

    /** @return a new, empty unit, registered so that {@link #byId} finds it */
    public static CodeUnit create() {
        CodeUnit unit = new CodeUnit(IDS.incrementAndGet());
        UNITS.values().removeIf(ref -> ref.get() == null);
        UNITS.put(unit.id, new WeakReference<>(unit));
        return unit;
    }

    /** @return the unit of this JVM with that id, or {@code null} */
    public static CodeUnit byId(int id) {
        WeakReference<CodeUnit> unit = UNITS.get(id);
        return unit == null ? null : unit.get();
    }

    /** @return this unit's id: positive, unique within this JVM */
    public int id() {
        return id;
    }

    /** Records a class as it is compiled. A class compiled again under the same name replaces the earlier one. */
    public void record(String className, byte[] bytecode) {
        ClassFile file = new ClassFile(className, bytecode.clone());
        byName.put(className, file);
        classes.add(file);
    }

    /** @return whether a class of that name was recorded */
    public boolean defines(String className) {
        return byName.containsKey(className);
    }

    /** @return the bytecode recorded last under that name, or {@code null} */
    public byte[] bytecode(String className) {
        ClassFile file = byName.get(className);
        return file == null ? null : file.bytecode();
    }

    /** @return how many classes were recorded so far */
    public int size() {
        return classes.size();
    }

    /** @return the classes recorded from position {@code index} on, in the order they were recorded */
    public List<ClassFile> classesFrom(int index) {
        synchronized (classes) {
            return index >= classes.size() ? List.of() : new ArrayList<>(classes.subList(index, classes.size()));
        }
    }

    /** Ties the unit to the loader its classes are defined by in this JVM; the first binding wins. */
    public synchronized void bind(ClassLoader classLoader) {
        if (loader() == null && classLoader != null) {
            loader = new WeakReference<>(classLoader);
        }
    }

    /** @return the loader bound by {@link #bind}, or {@code null} (also once that loader is gone) */
    public ClassLoader loader() {
        WeakReference<ClassLoader> bound = loader;
        return bound == null ? null : bound.get();
    }

    /**
     * @return the jars and folders the bound loader searches besides its parents (those added at run time
     *         included), in its order; empty if unbound or not a {@link URLClassLoader}
     */
    public List<URL> jars() {
        ClassLoader bound = loader();
        if (bound instanceof URLClassLoader) {
            return Arrays.asList(((URLClassLoader) bound).getURLs());
        }
        return List.of();
    }

    @Override
    public String toString() {
        return "CodeUnit[" + id + ", " + size() + " classes]";
    }

    /** One compiled class: its binary name and bytecode. */
    public static final class ClassFile {
        private final String name;
        private final byte[] bytecode;

        public ClassFile(String name, byte[] bytecode) {
            this.name = name;
            this.bytecode = bytecode;
        }

        public String name() {
            return name;
        }

        /** @return the bytecode itself, not a copy: do not change it */
        public byte[] bytecode() {
            return bytecode;
        }
    }
}
