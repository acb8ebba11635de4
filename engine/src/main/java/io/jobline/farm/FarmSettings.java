package io.jobline.farm;

import io.jobline.util.Options;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The options every farm backend has, read and checked once; immutable. The scheduler's own options
 * ({@code partition} …) are its adapter's ({@link Scheduler#checkOptions}).
 *
 * <ul>
 * <li>{@code workDir}: where calls, job scripts, logs, results and the ledger go; it must be on storage the nodes
 *     share (default {@code ~/.jobline/farm}, fine for a one-machine cluster). Each engine uses its own session
 *     folder in it.</li>
 * <li>{@code java}: the java executable on the nodes (default: this JVM's), for function jobs.</li>
 * <li>{@code maxParallel}: at most this many tasks of one array job run at once (default: no limit).</li>
 * <li>{@code pollInterval}: the longest wait between two polls of the scheduler, seconds or a Duration (default
 *     2 s); polling starts at 0.1 s, grows by half each quiet poll, and falls back to 0.1 s on progress.</li>
 * <li>{@code retries}: how often a failed task is submitted again (default 0).</li>
 * <li>{@code commandEnv}: environment variables for the scheduler's command-line tools (a Map), over this JVM's; its
 *     {@code PATH} is where they are looked for, so a test or a studio wrapper can point one farm at other tools
 *     without changing this JVM's environment.</li>
 * </ul>
 */
public final class FarmSettings {

    /** The options read here. */
    public static final Set<String> NAMES = Set.of("workDir", "java", "maxParallel", "pollInterval", "retries",
            "commandEnv");

    static final Duration FIRST_POLL = Duration.ofMillis(100);

    final Path workDir;
    final String java;
    final int maxParallel;
    final Duration pollCap;
    final int retries;
    final Map<String, String> commandEnv;

    private FarmSettings(Map<String, ?> options) {
        workDir = workDir(options.get("workDir"));
        java = java(options.get("java"));
        maxParallel = options.get("maxParallel") == null ? 0 : Options.intAtLeast("maxParallel", options.get("maxParallel"), 1);
        Duration cap = Options.duration("pollInterval", options.get("pollInterval"));
        pollCap = cap == null ? Duration.ofSeconds(2) : cap.compareTo(FIRST_POLL) < 0 ? FIRST_POLL : cap;
        retries = options.get("retries") == null ? 0 : Options.intAtLeast("retries", options.get("retries"), 0);
        commandEnv = commandEnv(options.get("commandEnv"));
    }

    /**
     * @param options the common options (other keys are ignored)
     * @throws IllegalArgumentException naming the option and the value
     */
    public static FarmSettings of(Map<String, ?> options) {
        return new FarmSettings(options == null ? Map.of() : options);
    }

    /** @return the default workDir, {@code ~/.jobline/farm} */
    public static Path defaultWorkDir() {
        return Paths.get(System.getProperty("user.home"), ".jobline", "farm");
    }

    public Path workDir() {
        return workDir;
    }

    public String java() {
        return java;
    }

    public Duration pollCap() {
        return pollCap;
    }

    public int retries() {
        return retries;
    }

    /** @return the environment variables given for the scheduler's tools ({@code commandEnv}) */
    public Map<String, String> commandEnv() {
        return commandEnv;
    }

    /** A task the scheduler no longer lists and that left no exit file is asked about in detail after this. */
    Duration missingGrace() {
        Duration twice = pollCap.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(5)) > 0 ? twice : Duration.ofSeconds(5);
    }

    private static Path workDir(Object value) {
        if (value == null) {
            return defaultWorkDir();
        }
        if (!(value instanceof CharSequence || value instanceof Path || value instanceof File)
                || value.toString().isBlank()) {
            throw new IllegalArgumentException("workDir: must be a folder path (a String, File or Path) on storage "
                    + "every node shares, got " + Options.show(value));
        }
        Path path = Paths.get(value.toString()).toAbsolutePath().normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IllegalArgumentException("workDir: must be a folder, but " + Options.show(value.toString())
                    + " is a file");
        }
        return path;
    }

    private static Map<String, String> commandEnv(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("commandEnv: must be a map of environment variables for the farm's"
                    + " tools, e.g. [PATH: '/opt/qube/bin:' + System.getenv('PATH')], got " + Options.show(value));
        }
        Map<String, String> env = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((name, text) -> {
            if (name == null || text == null || name.toString().isEmpty() || name.toString().contains("=")) {
                throw new IllegalArgumentException("commandEnv: names must be non-empty without '=' and values not"
                        + " null, got " + Options.show(name) + " = " + Options.show(text));
            }
            env.put(name.toString(), text.toString());
        });
        return Map.copyOf(env);
    }

    private static String java(Object value) {
        if (value == null) {
            return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        }
        if (!(value instanceof CharSequence) || !value.toString().startsWith("/")) {
            throw new IllegalArgumentException("java: must be the absolute path of the java executable on the nodes,"
                    + " e.g. '/usr/bin/java', got " + Options.show(value));
        }
        return value.toString();
    }
}
