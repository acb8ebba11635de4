package io.jobline.backend.process;

import io.jobline.util.Options;
import io.jobline.util.Show;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The options of a {@link ProcessBackend}, read and checked once; immutable. */
final class ProcessOptions {

    static final Set<String> NAMES = Set.of("workers", "jvmArgs", "env", "cloneEnv", "classpath", "retries", "java");

    /**
     * Flags every worker starts with, before the user's {@code jvmArgs} (which may override them). An out-of-memory
     * error ends the worker instead of leaving it half-broken; the JVM's own messages go to stderr, not into the
     * protocol on stdout; class data sharing stays on (it is what makes a JVM start in a tenth of a second).
     */
    static final List<String> BASE_FLAGS = List.of(
            "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-Xshare:auto");

    /**
     * The collector of a worker unless {@code jvmArgs} choose one: it starts a little faster and, with no GC
     * threads of its own, does not compete with the sibling workers for the cores.
     */
    static final String DEFAULT_GC = "-XX:+UseSerialGC";
    private static final Pattern CHOOSES_GC = Pattern.compile("-XX:\\+Use\\w*GC");

    final int workers;
    final List<String> jvmArgs;
    final Map<String, String> env;
    final boolean cloneEnv;
    final List<String> classpath;
    final int retries;
    final String java;

    private ProcessOptions(Map<String, ?> options) {
        Options.requireKnown(options, NAMES, "process backend option");
        workers = options.get("workers") == null
                ? Runtime.getRuntime().availableProcessors()
                : Options.intAtLeast("workers", options.get("workers"), 1);
        retries = options.get("retries") == null ? 0 : Options.intAtLeast("retries", options.get("retries"), 0);
        jvmArgs = words("jvmArgs", options.get("jvmArgs"));
        env = env(options.get("env"));
        cloneEnv = Options.bool("cloneEnv", options.get("cloneEnv"), true);
        classpath = paths(options.get("classpath"));
        java = java(options.get("java"));
    }

    /** @throws IllegalArgumentException for an unknown option or a bad value, saying what is valid */
    static ProcessOptions of(Map<String, ?> options) {
        return new ProcessOptions(options == null ? Map.of() : options);
    }

    /** @return the command that starts one worker */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(BASE_FLAGS);
        if (jvmArgs.stream().noneMatch(arg -> CHOOSES_GC.matcher(arg).matches())) {
            command.add(DEFAULT_GC);
        }
        command.addAll(jvmArgs);
        List<String> path = new ArrayList<>();
        path.add(System.getProperty("java.class.path"));
        path.addAll(classpath);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, path));
        command.add(WorkerMain.class.getName());
        return command;
    }

    /** Sets a worker's environment: the caller's (unless {@code cloneEnv: false}) plus {@code env}. */
    void applyEnvironment(Map<String, String> environment) {
        if (!cloneEnv) {
            environment.clear();
        }
        environment.putAll(env);
    }

    private static List<String> words(String name, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof CharSequence) {
            String text = value.toString().trim();
            return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
        }
        if (value instanceof Collection) {
            List<String> words = new ArrayList<>();
            for (Object word : (Collection<?>) value) {
                if (word == null) {
                    throw new IllegalArgumentException(name + ": must not contain null, got " + Show.value(value));
                }
                words.add(word.toString());
            }
            return List.copyOf(words);
        }
        throw new IllegalArgumentException(name + ": must be a list of strings or a whitespace-separated string, got "
                + Options.show(value));
    }

    /** Relative entries are made absolute, so they mean the same to a worker as to the caller. */
    private static List<String> paths(Object value) {
        List<String> given;
        if (value instanceof CharSequence) {
            String text = value.toString().trim();
            given = text.isEmpty() ? List.of() : Arrays.asList(text.split(File.pathSeparator));
        } else if (value == null || value instanceof Collection) {
            given = words("classpath", value);
        } else {
            throw new IllegalArgumentException("classpath: must be a list of paths or a path string (entries separated"
                    + " by '" + File.pathSeparator + "'), got " + Options.show(value));
        }
        List<String> entries = new ArrayList<>();
        for (String entry : given) {
            entries.add(Paths.get(entry).toAbsolutePath().toString());
        }
        return List.copyOf(entries);
    }

    private static Map<String, String> env(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("env: must be a map of variable names to values, got "
                    + Options.show(value));
        }
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((key, val) -> {
            if (key == null || val == null) {
                throw new IllegalArgumentException("env: names and values must not be null, got " + Show.value(value));
            }
            env.put(key.toString(), val.toString());
        });
        return Map.copyOf(env);
    }

    private static String java(Object value) {
        if (value == null) {
            return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        }
        Path path = Paths.get(value.toString());
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalArgumentException("java: must be the path of a java executable, got " + Options.show(value)
                    + " (no executable file there)");
        }
        return path.toString();
    }
}
