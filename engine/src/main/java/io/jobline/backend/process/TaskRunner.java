package io.jobline.backend.process;

import io.jobline.function.Functions;
import io.jobline.function.JobFunction;
import io.jobline.shipping.RemoteFailure;
import io.jobline.shipping.Shipping;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * In a worker: runs the calls the caller sends, one at a time, on one thread, and sends back each one's result or
 * failure. Functions arrive once ({@link #define}) and are unpacked on first use, on the task thread, so that a
 * function that cannot be read fails its call instead of the worker.
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
    private final Map<Integer, byte[]> packed = new ConcurrentHashMap<>();
    private final Map<Integer, JobFunction> unpacked = new ConcurrentHashMap<>();
    private Thread thread;
    /** The task running now, or -1; guarded by this. */
    private long running = -1;
    /** A task cancelled before it started; guarded by this. */
    private long cancelledEarly = -1;

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
        packed.put(functionId, bytes);
    }

    void forget(int functionId) {
        packed.remove(functionId);
        unpacked.remove(functionId);
    }

    void submit(Call call) {
        calls.add(call);
    }

    synchronized void cancel(long taskId) {
        if (running == taskId) {
            thread.interrupt();
        } else {
            cancelledEarly = taskId;
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
            runOne(call);
        }
    }

    private void runOne(Call call) {
        boolean cancelled;
        synchronized (this) {
            running = call.taskId();
            cancelled = cancelledEarly == call.taskId();
        }
        Frames.Frame reply;
        try {
            if (cancelled) {
                throw new CancellationException("cancelled before it started");
            }
            Object[] args = (Object[]) Shipping.unpack(call.args());
            Object result = function(call.functionId()).call(args);
            byte[] bytes = Shipping.packResult(result, call.what()).bytes();
            reply = new Frames.Body().putLong(call.taskId()).putBytes(bytes).frame(Frames.RESULT);
        } catch (Throwable failure) {
            reply = failure(call.taskId(), failure);
        }
        output.endLine();
        synchronized (this) {
            running = -1;
            // A cancel that came too late for this call must not hit the next one.
            Thread.interrupted();
        }
        sink.send(reply);
    }

    private JobFunction function(int id) throws IOException, ClassNotFoundException {
        JobFunction function = unpacked.get(id);
        if (function == null) {
            byte[] bytes = packed.get(id);
            if (bytes == null) {
                throw new IllegalStateException("function " + id + " was not sent to this worker");
            }
            Object target = Shipping.unpack(bytes);
            // A JobFunction needs no adapter: skipping Functions spares a worker loading the adapters' runtimes.
            function = target instanceof JobFunction ? (JobFunction) target : Functions.of(target);
            unpacked.put(id, function);
        }
        return function;
    }

    /** The failure both as itself (when it serializes) and as a {@link RemoteFailure}, for a caller without its class. */
    private static Frames.Frame failure(long taskId, Throwable failure) {
        byte[] exact;
        try {
            exact = Shipping.pack(failure).bytes();
        } catch (IOException | RuntimeException e) {
            exact = new byte[0];
        }
        byte[] fallback;
        try {
            fallback = Shipping.pack(RemoteFailure.of(failure)).bytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a RemoteFailure", e);
        }
        return new Frames.Body().putLong(taskId).putBytes(exact).putBytes(fallback).frame(Frames.FAILURE);
    }
}
