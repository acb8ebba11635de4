package io.jobline.shell.repl;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.MethodClosure;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import io.jobline.dsl.JoblineDsl;
import io.jobline.shell.GrapeSettings;

/**
 * Evaluates shell input without ever replaying earlier input: each input compiles as a script of its own, all with
 * one compiler configuration (the DSL's, so shell code can ship to worker processes) and one class loader, and all
 * sharing one {@link Binding}. What an input declares stays for later inputs:
 * <ul>
 *   <li>top-level variables ({@code def x}, {@code int n}, {@code @Field y}) become binding variables
 *       ({@link TopLevelDeclarations});</li>
 *   <li>methods become binding variables holding a {@link MethodClosure} on that input's script, which a call from
 *       a later script finds (Groovy looks in a script's binding for a closure of a method's name);</li>
 *   <li>classes are cached by the shared class loader; a later definition of the same name replaces the class for
 *       later inputs;</li>
 *   <li>imports accumulate ({@link SessionImports}).</li>
 * </ul>
 *
 * <p>Not thread-safe: one thread evaluates at a time (the shell evaluates one input at a time). The binding may be
 * read from other threads (completion, {@code :vars}).
 */
public final class Evaluator {

    /** The variable holding the last value. */
    public static final String LAST_VALUE = "_";

    private final ClassLoader parent;
    /** Synchronized: completion and {@code :vars} read it while an input or a run may write it. */
    private final Binding binding = new Binding(Collections.synchronizedMap(new LinkedHashMap<>()));
    private final Set<String> methodNames = Collections.synchronizedSet(new TreeSet<>());
    private CompilerConfiguration config;
    private SessionImports imports;
    private InputNaming naming;
    private GroovyShell shell;
    private int inputs;

    public Evaluator() {
        this(Evaluator.class.getClassLoader());
    }

    public Evaluator(ClassLoader parent) {
        this.parent = parent;
        reset();
    }

    /** Forgets every variable, method, class and import; the binding object stays the same. */
    public void reset() {
        binding.getVariables().clear();
        methodNames.clear();
        config = JoblineDsl.compilerConfiguration();
        imports = new SessionImports();
        naming = new InputNaming();
        // The session's imports go first: they note the input's own imports before the DSL's are added.
        config.getCompilationCustomizers().add(0, imports);
        config.addCompilationCustomizers(naming, new TopLevelDeclarations());
        shell = JoblineDsl.bind(config, new GroovyShell(parent, binding, config));
    }

    /** Evaluates one typed input. Never throws for what the input does: a failure is in the result. */
    public Evaluation evaluate(String source) {
        return evaluate(source, null);
    }

    /**
     * @param file the file the source comes from ({@code :load}), naming the input in stack frames and messages;
     *             null for typed input
     */
    public Evaluation evaluate(String source, String file) {
        int number = ++inputs;
        String className = InputNaming.PREFIX + number;
        String sourceName = file != null ? file : className + ".groovy";
        String label = file != null ? file : "input";
        Class<?> compiled;
        try {
            naming.next(className);
            if (source.contains("Grab")) { // as jobline run: @Grab from the machine's Maven repositories
                GrapeSettings.configure();
            }
            compiled = shell.getClassLoader().parseClass(
                    new GroovyCodeSource(source, sourceName, GroovyShell.DEFAULT_CODE_BASE), false);
            imports.commit();
        } catch (CompilationFailedException e) {
            imports.discard();
            return Evaluation.failure(e, sourceName, label);
        } catch (Throwable e) { // an AST transformation that fails, an error linking a class
            imports.discard();
            return Evaluation.failure(e, sourceName, label);
        }
        if (!Script.class.isAssignableFrom(compiled)) {
            return Evaluation.value(null, sourceName, label); // only classes: declared, nothing to run
        }
        Script script = InvokerHelper.createScript(compiled, binding);
        keepMethods(script);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(shell.getClassLoader());
        try {
            Object value = script.run();
            if (value != null) {
                binding.setVariable(LAST_VALUE, value);
            }
            return Evaluation.value(value, sourceName, label);
        } catch (Throwable t) {
            return Evaluation.failure(t, sourceName, label);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Puts a closure for each method the input declares into the binding, replacing one of the same name. */
    private void keepMethods(Script script) {
        Set<String> declared = new TreeSet<>();
        for (Method method : script.getClass().getDeclaredMethods()) {
            String name = method.getName();
            if (!method.isSynthetic() && !method.isBridge() && Modifier.isPublic(method.getModifiers())
                    && !Modifier.isStatic(method.getModifiers()) && !name.equals("run") && name.indexOf('$') < 0) {
                declared.add(name);
            }
        }
        for (String name : declared) {
            binding.setVariable(name, new MethodClosure(script, name));
            methodNames.add(name);
        }
    }

    /** @return the session's variables by name (methods excluded), sorted; a copy */
    public Map<String, Object> variables() {
        Map<String, Object> variables = new TreeMap<>();
        synchronized (binding.getVariables()) {
            for (Object entry : binding.getVariables().entrySet()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                String name = String.valueOf(e.getKey());
                if (!isMethod(name, e.getValue())) {
                    variables.put(name, e.getValue());
                }
            }
        }
        return variables;
    }

    /** @return the names of the methods declared so far, sorted */
    public List<String> methods() {
        synchronized (methodNames) {
            List<String> names = new ArrayList<>();
            for (String name : methodNames) {
                if (binding.getVariables().get(name) instanceof MethodClosure) {
                    names.add(name);
                }
            }
            return names;
        }
    }

    private boolean isMethod(String name, Object value) {
        return value instanceof MethodClosure && methodNames.contains(name)
                && InputNaming.isInput(((MethodClosure) value).getOwner().getClass());
    }

    /** @return the import statements kept so far */
    public List<String> imports() {
        return imports.statements();
    }

    /** @return the variables shared by every input */
    public Binding binding() {
        return binding;
    }

    /** @return the loader of the classes inputs declare (for completion of their names) */
    public GroovyClassLoader classLoader() {
        return shell.getClassLoader();
    }
}
