package io.jobline.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the scheduler's command-line tools and counts the calls by kind ({@code submit}, {@code status},
 * {@code kill}, {@code detail}), so a spec and a benchmark can check that polling costs one status call per poll
 * however many jobs are live. A command that does not end within its limit is killed and reported as failed.
 * Commands run with this JVM's environment plus the farm's {@code commandEnv}; a program name without a slash is
 * looked for in that environment's {@code PATH} (Java would look in this JVM's). The last answer of each kind is
 * kept, for {@code jobline farm check}.
 */
final class SchedulerCommands {

    /** What a command answered. */
    record Answer(int exitCode, String out, String err) {
        /** @return stdout and stderr together, trimmed, for messages */
        String text() {
            return (out.strip() + (err.isBlank() ? "" : "\n" + err.strip())).strip();
        }
    }

    /** How long a command may take before it is killed. */
    static final Duration LIMIT = Duration.ofSeconds(120);

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, String> last = new ConcurrentHashMap<>();
    private final Map<String, String> base;
    private final Duration limit;

    SchedulerCommands() {
        this(Map.of());
    }

    /** @param base environment variables for every command, over this JVM's (the farm's {@code commandEnv}) */
    SchedulerCommands(Map<String, String> base) {
        this(base, LIMIT);
    }

    /** @param limit how long a command may take ({@link #LIMIT}; a spec makes it small to test a hung command) */
    SchedulerCommands(Map<String, String> base, Duration limit) {
        this.base = Map.copyOf(base);
        this.limit = limit;
    }

    /**
     * Runs {@code command} and waits for it, at most the limit (two minutes); one still running then is killed with
     * the processes it started, and this throws, naming the command and the limit.
     *
     * @param kind what the call is for, for {@link #calls()}
     * @throws IOException when it cannot be started or did not end in time; the message names the command
     */
    Answer run(String kind, List<String> command) throws IOException {
        return run(kind, command, Map.of());
    }

    /** As {@link #run(String, List)}, with {@code environment} added to this JVM's for the command. */
    Answer run(String kind, List<String> command, Map<String, String> environment) throws IOException {
        calls.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        // The output goes to files (0600), not pipes: reading a pipe to its end before the timed wait (as before)
        // blocked the poller for ever on a command that hangs, or whose child keeps the pipe open; with files the
        // wait alone is timed, and what a process it left behind writes later reaches no one.
        Path out = Files.createTempFile("jobline-" + kind + "-", ".out");
        Path err = Files.createTempFile("jobline-" + kind + "-", ".err");
        try {
            Process process;
            try {
                ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(command))
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(base);
                builder.environment().putAll(environment);
                builder.command().set(0, resolve(command.get(0), builder.environment().get("PATH")));
                process = builder.start();
            } catch (IOException e) {
                throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage()
                        + " (is the farm's command-line client installed and on the PATH?)", e);
            }
            try {
                if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                    kill(process);
                    throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                            + (command.size() > 3 ? " …" : "") + " did not end within " + show(limit) + "; killed it");
                }
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            Answer answer = new Answer(process.exitValue(), read(out), read(err));
            last.put(kind, "$ " + String.join(" ", command) + "\n" + "(exit code " + answer.exitCode() + ")\n"
                    + clip(answer.text()));
            return answer;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Kills {@code process} and the processes it started (a wrapper's child would go on running). */
    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String show(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** @return calls made so far, by kind; a snapshot */
    Map<String, Long> calls() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        calls.forEach((kind, count) -> snapshot.put(kind, count.get()));
        return snapshot;
    }

    /** @return the last command of each kind and what it answered (clipped), for a first contact with a farm */
    Map<String, String> lastAnswers() {
        return new java.util.TreeMap<>(last);
    }

    private static String clip(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "\n… (" + text.length() + " characters)";
    }

    /** @return {@code program}'s path in {@code path} when it has no slash and is found there, else itself */
    static String resolve(String program, String path) {
        if (program.contains("/") || path == null) {
            return program;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            java.io.File file = new java.io.File(dir.isEmpty() ? "." : dir, program);
            if (file.isFile() && file.canExecute()) {
                return file.getPath();
            }
        }
        return program;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
