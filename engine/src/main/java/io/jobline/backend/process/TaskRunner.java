package io.jobline.backend.process;

import io.jobline.remote.CallRunner;
import io.jobline.remote.Outcome;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * In a worker: runs the calls the caller sends, one at a time, on one thread, and sends back how each ended (an
 * {@link Outcome}). Calling is {@link CallRunner}'s, the runner farm tasks use too: functions arrive once
 * ({@link #define}) and are unpacked on first use, so that a function that cannot be read fails its call instead of
 * the worker.
 *
 * <p>{@link #cancel} interrupts the call only while that call runs; a cancel that arrives before its call starts
 * makes the call end at once with a {@link CancellationException}. The interrupt status is cleared between calls.
 */
final class TaskRunner implements Runnable {

    /** A call as it arrived. */
    record Call(long taskId, int functionId, String what, byte[] args) {
    }

    private final FrameSink sink;
    private final LineFrames output;
    private final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final CallRunner runner = new CallRunner();
    private Thread thread;
    /** The task running now, or -1; guarded by this. */
    private long running = -1;
    /** Tasks received and not started yet; guarded by this. */
    private final Set<Long> waiting = new HashSet<>();
    /** Of those, the ones cancelled while they waited (calls of batches wait behind each other); guarded by this. */
    private final Set<Long> cancelledEarly = new HashSet<>();

    TaskRunner(FrameSink sink, LineFrames output) {
        this.sink = sink;
        this.output = output;
    }

    void start() {
        thread = new Thread(this, "jobline-task");
        thread.setDaemon(true);
        thread.start();
    }

    void define(int functionId, byte[] bytes) {
        runner.define(functionId, bytes);
    }

    void forget(int functionId) {
        runner.forget(functionId);
    }

    void submit(Call call) {
        synchronized (this) {
            waiting.add(call.taskId());
        }
        calls.add(call);
    }

    synchronized void cancel(long taskId) {
        if (running == taskId) {
            thread.interrupt();
            return;
        }
        // Only for a call still waiting here: a cancel that arrives after its call ended is for nothing, and kept
        // it would grow the set forever.
        if (waiting.contains(taskId)) {
            cancelledEarly.add(taskId);
        }
    }

    @Override
    public void run() {
        while (true) {
            Call call;
            try {
                call = calls.take();
            } catch (InterruptedException e) {
                continue;
            }
            try {
                runOne(call);
            } catch (Throwable broken) {
                // Not the call's failure (that is its outcome) but reporting it broke (out of memory encoding it):
                // this thread cannot answer, and a worker without it would take calls and answer none. A death the
                // caller understands: it fails (or sends again) the call and starts a fresh worker.
                System.err.println("jobline worker: cannot report how " + call.what() + " ended: "
                        + broken.getClass().getName());
                Runtime.getRuntime().halt(70);
            }
        }
    }

    private void runOne(Call call) {
        boolean cancelled;
        synchronized (this) {
            running = call.taskId();
            waiting.remove(call.taskId());
            cancelled = cancelledEarly.remove(call.taskId());
        }
        Outcome outcome;
        if (cancelled) {
            outcome = Outcome.ofFailure(new CancellationException("cancelled before it started"));
        } else {
            // Flushed before the code runs: if this worker dies, the caller knows whether the call began (a call
            // that did not is sent to another worker; one that did is not run twice).
            sink.send(new Frames.Body().putLong(call.taskId()).frame(Frames.STARTED));
            outcome = runner.run(call.functionId(), call.args(), call.what());
        }
        Frames.Frame reply = new Frames.Body().putLong(call.taskId()).putBytes(outcome.toBytes()).frame(Frames.RESULT);
        output.endLine();
        synchronized (this) {
            running = -1;
            // A cancel that came too late for this call must not hit the next one.
            Thread.interrupted();
        }
        if (calls.isEmpty()) {
            sink.send(reply);
        } else {
            // The next call is here: its STARTED (or its own result) is flushed in a moment and takes this along,
            // one write to the pipe for both.
            sink.sendLater(reply);
        }
    }
}
