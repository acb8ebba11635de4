package io.jobline.shell.console;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jline.reader.Candidate;

import groovy.lang.Closure;
import io.jobline.dsl.JoblineDsl;
import io.jobline.shell.repl.Evaluator;

/**
 * Completes Groovy names without running anything: DSL words, keywords, the session's variables and methods, class
 * names; after a dot, the methods and properties of the value of a plain variable ({@code p.}), of a class
 * ({@code Duration.}), or of the declared type of a property chain ({@code p.settings.}). A call in the chain
 * ({@code p.start().}) completes nothing: knowing its result would mean running it.
 */
final class CodeCompleter {

    /** Packages whose classes an input names without imports, searched for class names after a dot. */
    private static final List<String> PACKAGES = List.of("java.lang.", "java.util.", "java.io.", "java.time.");

    private final Evaluator evaluator;
    private final Set<String> dslWords = JoblineDsl.words();

    CodeCompleter(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    void complete(String word, List<Candidate> candidates) {
        int dot = word.lastIndexOf('.');
        if (dot < 0) {
            names(candidates);
            return;
        }
        Target target = resolve(word.substring(0, dot));
        if (target != null) {
            members(word.substring(0, dot + 1), target, candidates);
        }
    }

    private void names(List<Candidate> candidates) {
        for (String word : dslWords) {
            candidates.add(candidate(word, "DSL"));
        }
        for (String keyword : GroovyHighlighter.KEYWORDS) {
            candidates.add(candidate(keyword, "keyword"));
        }
        Map<String, Object> variables = evaluator.variables();
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            candidates.add(candidate(variable.getKey(), "variable"));
        }
        for (String method : evaluator.methods()) {
            candidates.add(new Candidate(method + "(", method, "method", null, null, null, false));
        }
        for (Class<?> type : evaluator.classLoader().getLoadedClasses()) {
            if (!type.getName().startsWith("jobline_shell_") && type.getName().indexOf('$') < 0) {
                candidates.add(candidate(type.getSimpleName(), "class"));
            }
        }
    }

    /** What a name chain stands for: a value's class (instance members) or a class itself (static members). */
    private static final class Target {
        final Class<?> type;
        final boolean statics;

        Target(Class<?> type, boolean statics) {
            this.type = type;
            this.statics = statics;
        }
    }

    private Target resolve(String chain) {
        String[] names = chain.split("\\.", -1);
        Target target = root(names[0]);
        for (int i = 1; i < names.length && target != null; i++) {
            Class<?> next = propertyType(target, names[i]);
            target = next == null ? null : new Target(next, false);
        }
        return target;
    }

    private Target root(String name) {
        if (name.isEmpty()) {
            return null;
        }
        Map<String, Object> variables = evaluator.variables();
        if (variables.containsKey(name)) {
            Object value = variables.get(name);
            return value == null ? null : new Target(value.getClass(), false);
        }
        Class<?> type = findClass(name);
        return type == null ? null : new Target(type, true);
    }

    private Class<?> findClass(String simpleName) {
        for (Class<?> type : evaluator.classLoader().getLoadedClasses()) {
            if (type.getSimpleName().equals(simpleName)) {
                return type;
            }
        }
        for (String pkg : concat(PACKAGES, JoblineDsl.getPACKAGES())) {
            try {
                return Class.forName(pkg + simpleName, false, evaluator.classLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // not in that package
            }
        }
        return null;
    }

    private static List<String> concat(List<String> first, List<String> packages) {
        List<String> all = new java.util.ArrayList<>(first);
        for (String pkg : packages) {
            all.add(pkg + ".");
        }
        return all;
    }

    /** @return the declared type of property {@code name} (a getter, else a public field), or null */
    private static Class<?> propertyType(Target target, String name) {
        if (name.isEmpty()) {
            return null;
        }
        String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method method : target.type.getMethods()) {
            if (method.getParameterCount() == 0 && method.getName().equals(getter)
                    && Modifier.isStatic(method.getModifiers()) == target.statics) {
                return method.getReturnType();
            }
        }
        try {
            Field field = target.type.getField(name);
            return Modifier.isStatic(field.getModifiers()) == target.statics ? field.getType() : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static void members(String prefix, Target target, List<Candidate> candidates) {
        Set<String> seen = new TreeSet<>();
        for (Method method : target.type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) != target.statics || method.isSynthetic()
                    || method.getName().indexOf('$') >= 0 || method.getDeclaringClass() == Object.class
                    && !target.statics && !method.getName().equals("toString")) {
                continue;
            }
            String name = method.getName();
            String property = property(method);
            if (property != null && seen.add("p:" + property)) {
                candidates.add(new Candidate(prefix + property, property, "property", null, null, null, true));
            }
            if (seen.add("m:" + name)) {
                String suffix = method.getParameterCount() == 0 ? "()" : "(";
                candidates.add(new Candidate(prefix + name + suffix, name, "method", null, null, null,
                        suffix.equals("()")));
            }
        }
        for (Field field : target.type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) == target.statics && seen.add("p:" + field.getName())) {
                candidates.add(new Candidate(prefix + field.getName(), field.getName(), "field", null, null, null,
                        true));
            }
        }
        if (Closure.class.isAssignableFrom(target.type) && seen.add("m:call")) {
            candidates.add(new Candidate(prefix + "call(", "call", "method", null, null, null, false));
        }
    }

    /** @return the property a getter stands for ({@code getStats} → {@code stats}), or null */
    private static String property(Method method) {
        String name = method.getName();
        if (method.getParameterCount() != 0 || method.getReturnType() == void.class) {
            return null;
        }
        int skip = name.startsWith("get") ? 3 : name.startsWith("is") && method.getReturnType() == boolean.class ? 2 : 0;
        if (skip == 0 || name.length() == skip || name.equals("getClass") || name.equals("getMetaClass")) {
            return null;
        }
        return Character.toLowerCase(name.charAt(skip)) + name.substring(skip + 1);
    }

    private static Candidate candidate(String value, String group) {
        return new Candidate(value, value, group, null, null, null, true);
    }
}
