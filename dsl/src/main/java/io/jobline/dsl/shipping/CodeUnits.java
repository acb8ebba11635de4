package io.jobline.dsl.shipping;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.codehaus.groovy.control.BytecodeProcessor;
import org.codehaus.groovy.control.CompilerConfiguration;

import groovy.lang.GroovyClassLoader;
import io.jobline.shipping.CodeUnit;

/**
 * The {@link CodeUnit}s of Groovy compilers: one per {@link CompilerConfiguration} the DSL was installed into, filled
 * by a bytecode post-processor as classes are compiled, and the class loaders they are bound to. Thread-safe.
 *
 * <p>A unit is bound to the {@link GroovyClassLoader} of the shell that uses the configuration ({@link #bind}); the
 * classes a shell compiles live in short-lived inner loaders under it, which is why {@link #unitOf(Class)} walks a
 * class's loader chain. An embedder who only called {@code JoblineDsl.install(config)} never binds: then the unit
 * that recorded the class's name is bound on first use, to the outermost Groovy loader of that class.
 */
public final class CodeUnits {

    private static final Map<ClassLoader, CodeUnit> BOUND = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * Every unit made here and still alive, oldest first: the candidates for lazy binding. Weak, like the engine's
     * registry: a configuration (through its recorder) or a bound loader keeps its unit alive, nothing else.
     */
    private static final List<WeakReference<CodeUnit>> UNITS = new CopyOnWriteArrayList<>();

    private CodeUnits() {
    }

    /**
     * Makes {@code config} record what it compiles, once: installing again returns the same unit. A bytecode
     * post-processor already set on {@code config} keeps running, before the recording.
     *
     * @return the unit of {@code config}
     */
    public static synchronized CodeUnit record(CompilerConfiguration config) {
        BytecodeProcessor existing = config.getBytecodePostprocessor();
        if (existing instanceof Recorder) {
            return ((Recorder) existing).unit;
        }
        CodeUnit unit = CodeUnit.create();
        UNITS.removeIf(ref -> ref.get() == null);
        UNITS.add(new WeakReference<>(unit));
        config.setBytecodePostprocessor(new Recorder(unit, existing));
        return unit;
    }

    /** @return the unit {@code config} records into, or {@code null} if {@link #record} was not called on it */
    public static CodeUnit of(CompilerConfiguration config) {
        BytecodeProcessor processor = config.getBytecodePostprocessor();
        return processor instanceof Recorder ? ((Recorder) processor).unit : null;
    }

    /**
     * Ties the unit of {@code config} to the loader a shell using it defines its classes under
     * ({@code shell.getClassLoader()}). No effect if {@code config} records nothing or its unit is bound already.
     */
    public static void bind(CompilerConfiguration config, ClassLoader loader) {
        CodeUnit unit = of(config);
        if (unit != null) {
            bind(unit, loader);
        }
    }

    private static synchronized void bind(CodeUnit unit, ClassLoader loader) {
        if (unit.loader() == null) {
            unit.bind(loader);
            BOUND.put(loader, unit);
        }
    }

    /** @return the unit that recorded {@code type} when it was compiled, or {@code null} for other classes */
    public static CodeUnit unitOf(Class<?> type) {
        ClassLoader own = type.getClassLoader();
        if (!(own instanceof GroovyClassLoader)) {
            return null; // the class path, or a worker's shipped classes: not compiled here
        }
        String name = type.getName();
        for (ClassLoader loader = own; loader != null; loader = loader.getParent()) {
            CodeUnit unit = BOUND.get(loader);
            if (unit != null && unit.defines(name)) {
                return unit;
            }
        }
        return lazily(name, outermost((GroovyClassLoader) own));
    }

    /**
     * An embedder's own shell: the newest unbound unit that recorded the name is bound to the class's loader. If
     * only bound units have it (a configuration shared by two shells), the newest of those still lets the class
     * reach a worker, although a value of it coming back resolves in the first shell's loader.
     */
    private static synchronized CodeUnit lazily(String name, GroovyClassLoader loader) {
        List<CodeUnit> newestFirst = new ArrayList<>();
        for (WeakReference<CodeUnit> ref : UNITS) {
            CodeUnit unit = ref.get();
            if (unit != null) {
                newestFirst.add(0, unit);
            }
        }
        CodeUnit fallback = null;
        for (CodeUnit unit : newestFirst) {
            if (!unit.defines(name)) {
                continue;
            }
            if (unit.loader() == null) {
                bind(unit, loader);
                return unit;
            }
            if (fallback == null) {
                fallback = unit;
            }
        }
        return fallback;
    }

    /** A shell compiles each input in an inner loader whose parent, the shell's loader, finds all its classes. */
    private static GroovyClassLoader outermost(GroovyClassLoader loader) {
        GroovyClassLoader outer = loader;
        while (outer instanceof GroovyClassLoader.InnerLoader && outer.getParent() instanceof GroovyClassLoader) {
            outer = (GroovyClassLoader) outer.getParent();
        }
        return outer;
    }

    /** The post-processor: records, and returns the bytecode unchanged. */
    private static final class Recorder implements BytecodeProcessor {
        private final CodeUnit unit;
        private final BytecodeProcessor next;

        Recorder(CodeUnit unit, BytecodeProcessor next) {
            this.unit = unit;
            this.next = next;
        }

        @Override
        public byte[] processBytecode(String name, byte[] original) {
            byte[] bytecode = next == null ? original : next.processBytecode(name, original);
            unit.record(name, bytecode);
            return bytecode;
        }
    }
}
