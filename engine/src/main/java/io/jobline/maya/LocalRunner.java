package io.jobline.maya;

import io.jobline.executor.JobExecutor;
import io.jobline.farm.Frames;
import io.jobline.farm.WorkDirFiles;
import io.jobline.function.JobFunction;
import io.jobline.future.JobFuture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * {@code farm: 'process'}: Maya work items as processes on this machine, as map ran Maya in separate interpreters,
 * at most {@code workers} at once (default: the number of processors). Each work item's command runs under bash
 * with its output in {@code local-N/I.log}; the processes are supervised from an executor's threads (a JVM per
 * Maya process would add nothing: Maya is the separate process). Cancelling a running item kills its process and
 * the processes it started, as does an exit of this JVM; {@link #close()} cancels everything not ended, never
 * waiting.
 */
final class LocalRunner implements Runner {

    /** Maya processes running now, of every local runner: killed when this JVM exits (Ctrl-C, SIGTERM). */
    private static final Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(LocalRunner::kill), "jobline-maya-reaper"));
    }

    private final JobExecutor executor;
    private final MayaFolder folder;
    private final String host;

    LocalRunner(int workers, MayaFolder folder) {
        this.executor = JobExecutor.create(Map.of("backend", "thread", "workers", workers));
        this.folder = folder;
        this.host = hostName();
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public Set<String> jobOptionNames() {
        return Set.of();
    }

    @Override
    public List<Part> submit(String name, List<Integer> frames, int chunk, Map<String, Object> options,
                             BiFunction<Integer, Integer, String> command) {
        Path dir;
        try {
            dir = folder.newJob("local");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jobId = dir.getFileName().toString();
        List<Part> parts = new ArrayList<>();
        List<int[]> ranges = Frames.chunks(frames, chunk);
        for (int i = 0; i < ranges.size(); i++) {
            Part part = new Part(ranges.get(i)[0], ranges.get(i)[1]);
            String line = command.apply(part.start, part.end);
            Path log = dir.resolve(i + ".log");
            part.jobId = jobId;
            part.workId = Integer.toString(i);
            part.node = () -> host;
            part.logTail = () -> {
                List<String> tail = new ArrayList<>();
                tail.add("log: " + log);
                tail.addAll(WorkDirFiles.tail(log, 20));
                return tail;
            };
            String what = "process job " + jobId + "_" + i + " (" + name + ", " + part.label("frame") + ")";
            JobFunction run = args -> {
                part.running();
                return runCommand(line, log, what);
            };
            JobFuture<Object> future = executor.submit(Map.of("name", name), run);
            part.canceller = () -> future.cancel(true);
            future.whenComplete((ignored, failure) -> {
                if (failure == null) {
                    part.done.complete(null);
                } else if (future.isCancelled()) {
                    part.done.cancel(false);
                } else {
                    part.done.completeExceptionally(failure);
                }
            });
            parts.add(part);
        }
        return parts;
    }

    /** Runs {@code line} under bash; on an interrupt, kills it and what it started. */
    private Object runCommand(String line, Path log, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", line)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        RUNNING.add(process);
        try {
            int code = process.waitFor();
            if (code != 0) {
                StringBuilder text = new StringBuilder(what).append(" failed: ")
                        .append(code > 128 && code < 160 ? "killed by signal " + (code - 128) + " (exit code " + code
                                + ")" : "exit code " + code).append(", on node ").append(host)
                        .append("\n  log: ").append(log);
                List<String> tail = WorkDirFiles.tail(log, 20);
                text.append(tail.isEmpty() ? " (empty)" : ", last lines:");
                tail.forEach(l -> text.append("\n    ").append(l));
                throw new MayaFailure(text.toString(), null);
            }
            return null;
        } catch (InterruptedException e) {
            kill(process);
            process.waitFor(10, TimeUnit.SECONDS);
            throw new CancellationException(what + " was cancelled");
        } finally {
            RUNNING.remove(process);
        }
    }

    /** Kills {@code process} and what it started (Render, mayapy and their children). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        // Running work items too: their processes are killed, as a farm's close kills its jobs.
        executor.cancel();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
