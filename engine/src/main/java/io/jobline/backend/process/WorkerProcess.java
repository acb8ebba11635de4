package io.jobline.backend.process;

import io.jobline.remote.CodeDelta;
import io.jobline.shipping.CodeUnit;
import io.jobline.shipping.Packet;
import io.jobline.util.Show;
import io.jobline.util.Timeouts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The caller's side of one worker JVM: the process, a writer thread that sends frames in order (so that sending
 * never blocks the backend), a reader thread for the frames that come back, and a thread that reads its stderr. What
 * the worker prints goes to {@link WorkerOutput}, never straight to a stream that might stall.
 * It remembers what the worker has received (classes of each {@link CodeUnit}, functions) so each crosses once.
 *
 * <p>The fields without {@code final} and the methods that send are guarded by the backend's lock.
 */
final class WorkerProcess {

    enum State { STARTING, IDLE, BUSY, DEAD }

    /** Lines of stderr kept for the message when the worker dies. */
    private static final int KEPT_LINES = 20;
    /** Functions a worker keeps; beyond that the least recently used is forgotten. */
    static final int FUNCTIONS_PER_WORKER = 128;
    private static final Frames.Frame END = new Frames.Frame((byte) 0, new byte[0]);
    /**
     * How long after the process ended its stdout may stay open before its death is reported without waiting for
     * the end of stdout (longer than a result waits for its output, see WorkerOutput).
     */
    static final Duration HELD_PIPE_LIMIT = Duration.ofSeconds(5);

    final int number;
    final Process process;
    final String name;
    private final Dispatcher backend;
    private final LinkedBlockingQueue<Frames.Frame> outbox = new LinkedBlockingQueue<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread errors;
    private final Thread reader;
    /** Whether its death was reported to the backend: once, by whichever of reader and exit watch comes first. */
    private final AtomicBoolean deathReported = new AtomicBoolean();

    State state = State.STARTING;
    /**
     * The calls sent to it and not ended, in the order it runs them: the first runs, the others wait in the
     * worker (only calls of batches wait there, see ProcessBackend's dispatch).
     */
    final ArrayDeque<ProcessTask> assigned = new ArrayDeque<>();
    /** Whether it takes more batch calls: from when half its calls have ended until it is full again. */
    boolean refilling = true;
    /** Kills the worker if it is not ready in time; cancelled when it is. */
    ScheduledFuture<?> startLimit;
    /** Why the caller killed it, or null. */
    volatile String killReason;
    /** The id of the last call the worker said it began ({@link Frames#STARTED}); written by the reader thread. */
    private volatile long lastBegun = -1;
    private final Map<Integer, Integer> classesSent = new HashMap<>();
    private final Map<Integer, Integer> jarsSent = new HashMap<>();
    private final Map<Integer, Boolean> functions = new LinkedHashMap<>(16, 0.75f, true);

    private WorkerProcess(Dispatcher backend, int number, Process process) {
        this.backend = backend;
        this.number = number;
        this.process = process;
        this.name = "worker " + number + " (pid " + process.pid() + ")";
        String prefix = "[worker " + number + "] ";
        this.errors = daemon("jobline-worker-" + number + "-stderr", () -> forwardErrors(prefix));
        errors.start();
        daemon("jobline-worker-" + number + "-out", this::write).start();
        this.reader = daemon("jobline-worker-" + number + "-in", () -> read(prefix));
        reader.start();
        // A worker killed from outside (SIGKILL, the OOM killer) can leave a tool it started holding its stdout
        // (inheritIO): the reader then sees no end until the tool ends. Its death is reported from its exit then.
        process.onExit().thenRun(() -> Timeouts.after(HELD_PIPE_LIMIT, this::exitedWithPipeHeld));
    }

    /** Starts a worker process and its threads. */
    static WorkerProcess start(Dispatcher backend, int number, ProcessOptions options) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(options.command());
        options.applyEnvironment(builder.environment());
        Process process = builder.start();
        LiveProcesses.add(process);
        return new WorkerProcess(backend, number, process);
    }

    /** @return whether the worker said it began the call {@code taskId} (its last one) */
    boolean began(long taskId) {
        return lastBegun == taskId;
    }

    /** @return the call it runs now, or null */
    ProcessTask current() {
        return assigned.peekFirst();
    }

    /** Queues the frames that run {@code task}: classes and function the worker lacks, then the call. */
    void send(ProcessTask task) {
        catchUp(task.function.packet());
        catchUp(task.args);
        int functionId = task.function.id();
        if (functions.put(functionId, Boolean.TRUE) == null) {
            outbox.add(new Frames.Body().putInt(functionId).putBytes(task.function.packet().bytes())
                    .frame(Frames.DEFINE));
            if (functions.size() > FUNCTIONS_PER_WORKER) {
                // The just-defined function is the most recently used, so the eldest is another one: not in use.
                Integer eldest = functions.keySet().iterator().next();
                functions.remove(eldest);
                outbox.add(new Frames.Body().putInt(eldest).frame(Frames.FORGET));
            }
        }
        outbox.add(new Frames.Body().putLong(task.id).putInt(functionId).putUtf(task.what).putBytes(task.args.bytes())
                .frame(Frames.CALL));
    }

    void sendCancel(long taskId) {
        outbox.add(new Frames.Body().putLong(taskId).frame(Frames.CANCEL));
    }

    /** Kills the process and its descendants at once (see {@link LiveProcesses#kill}); its death is reported then. */
    void kill(String reason) {
        killReason = reason;
        destroy();
    }

    /** Kills the process and its descendants at once, with no reason given. */
    void destroy() {
        LiveProcesses.kill(process);
    }

    /** Kills the tools the worker started (they would hold its stdout); the worker itself is left to exit. */
    void killDescendants() {
        LiveProcesses.killDescendants(process);
    }

    /** Closes the worker's stdin once the frames queued before are written: the worker then exits by itself. */
    void closeInput() {
        outbox.add(END);
    }

    /** @return whether the process ended within {@code limit} */
    boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the last lines the worker wrote to stderr (and stray text on stdout), oldest first */
    List<String> lastLines() {
        synchronized (lastLines) {
            return new ArrayList<>(lastLines);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private void catchUp(Packet packet) {
        for (CodeUnit unit : packet.units()) {
            int sent = classesSent.getOrDefault(unit.id(), 0);
            CodeDelta delta = CodeDelta.of(unit, sent);
            if (delta.classes().isEmpty() && delta.jars().size() == jarsSent.getOrDefault(unit.id(), 0)) {
                continue;
            }
            outbox.add(new Frames.Body().put(delta::write).frame(Frames.UNIT));
            classesSent.put(unit.id(), sent + delta.classes().size());
            jarsSent.put(unit.id(), delta.jars().size());
        }
    }

    /** The writer thread: frames in the order they were queued, flushed whenever the queue runs dry. */
    private void write() {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        try (out) {
            while (true) {
                Frames.Frame frame = outbox.take();
                if (frame == END) {
                    return;
                }
                Frames.write(out, frame);
                if (outbox.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The worker is gone (broken pipe); the reader thread reports its death.
        }
    }

    /** The reader thread: frames until the worker's stdout ends, then its death. */
    private void read(String prefix) {
        FrameReader reader = new FrameReader(
                new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16)),
                text -> {
                    keep(text);
                    WorkerOutput.SHARED.print(System.out, prefix + text);
                });
        try {
            Frames.Frame frame;
            while ((frame = reader.next()) != null) {
                if (frame.type() == Frames.OUTPUT) {
                    WorkerOutput.SHARED.print(System.out, prefix + new String(frame.body(), 4,
                            frame.body().length - 4, StandardCharsets.UTF_8));
                } else if (frame.type() == Frames.STARTED) {
                    lastBegun = Frames.longAt(frame);
                } else {
                    if (frame.type() == Frames.RESULT) {
                        // The call's output shows before the caller sees it end (unless System.out stalls).
                        WorkerOutput.SHARED.awaitPrinted();
                    }
                    backend.received(this, frame);
                }
            }
        } catch (InterruptedException e) {
            keep("(jobline: the reader thread was interrupted)");
            destroy();
        } catch (Throwable e) {
            // Whatever ends this thread (an OutOfMemoryError growing a frame, an Error decoding a result) must
            // retire the worker and end its calls: else it stays IDLE and alive, and gets calls no one reads.
            String message = Show.message(e);
            keep("(jobline: cannot read from the worker: " + e.getClass().getName()
                    + (message != null ? ": " + message : "") + ")");
            destroy();
        }
        int exitCode;
        try {
            exitCode = process.waitFor();
            // Its last stderr lines belong in the death message.
            errors.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            exitCode = -1;
        }
        reportDeath(exitCode);
    }

    /** The process ended a while ago: if the reader still waits for the end of its stdout, someone else holds it. */
    private void exitedWithPipeHeld() {
        if (reader.isAlive() && !deathReported.get()) {
            keep("(jobline: the worker ended, but a process it started still holds its stdout)");
            reportDeath(process.exitValue());
        }
    }

    private void reportDeath(int exitCode) {
        if (deathReported.compareAndSet(false, true)) {
            outbox.add(END);
            LiveProcesses.remove(process);
            backend.died(this, exitCode);
        }
    }

    private void forwardErrors(String prefix) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                keep(line);
                WorkerOutput.SHARED.print(System.err, prefix + line);
            }
        } catch (IOException e) {
            // The stream closed under us: the worker is gone.
        }
    }

    private void keep(String line) {
        synchronized (lastLines) {
            if (lastLines.size() == KEPT_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
