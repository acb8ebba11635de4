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
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
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
            return new Answer(process.exitValue(), out, err.join());
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

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
