package io.jobline.farm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    private static final Duration LIMIT = Duration.ofSeconds(120);

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, String> last = new ConcurrentHashMap<>();
    private final Map<String, String> base;

    SchedulerCommands() {
        this(Map.of());
    }

    /** @param base environment variables for every command, over this JVM's (the farm's {@code commandEnv}) */
    SchedulerCommands(Map<String, String> base) {
        this.base = Map.copyOf(base);
    }

    /**
     * Runs {@code command} and waits for it (at most two minutes).
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
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(command))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(base);
            builder.environment().putAll(environment);
            builder.command().set(0, resolve(command.get(0), builder.environment().get("PATH")));
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + " (is the farm's command-line client installed and on the PATH?)", e);
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " … did not answer within " + LIMIT.toSeconds() + " s");
            }
            Answer answer = new Answer(process.exitValue(), out, err.join());
            last.put(kind, "$ " + String.join(" ", command) + "\n" + "(exit code " + answer.exitCode() + ")\n"
                    + clip(answer.text()));
            return answer;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
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

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
