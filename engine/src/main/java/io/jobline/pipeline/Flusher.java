package io.jobline.pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A run's flusher: one daemon thread that, every {@value #TICK_MICROS} µs, hands on the finished outputs of any
 * stage worker that has stayed inside one item since the last tick. Workers hand on a whole batch at once (cheap);
 * the flusher is what keeps that from making a finished result wait behind a slow or stuck item: it reaches the
 * next stage, or the reader, 1-2 ticks after the slow item began, and a timeout or cancel finds it among the
 * results.
 *
 * <p>It never blocks: what does not fit downstream now stays where it is (the worker hands it on itself when its
 * item ends, or the flusher at a later tick). When nothing was inside an item for a while it looks less often
 * (every {@value #IDLE_TICK_MICROS} µs), so that an idle run costs next to nothing. It ends with the run.
 */
final class Flusher {

    static final long TICK_MICROS = 1_000;
    static final long IDLE_TICK_MICROS = 10_000;
    /** Quiet ticks before it looks less often. */
    private static final int QUIET_TICKS = 200;

    private final List<StageRunner> stages;
    private final BooleanSupplier running;
    private final Thread thread;

    /**
     * @param running whether the run goes on: the flusher ends once it is false
     */
    Flusher(String runName, List<StageRunner> stages, BooleanSupplier running) {
        this.stages = stages;
        this.running = running;
        this.thread = new Thread(this::loop, "jobline-" + runName + "-flusher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Wakes the thread so that it sees the end at once. */
    void stop() {
        LockSupport.unpark(thread);
    }

    /** Hands on, now and without blocking, what the workers inside an item have finished (the run is stopping). */
    void flushNow() {
        for (StageRunner stage : stages) {
            stage.flushNow();
        }
    }

    private void loop() {
        int quiet = 0;
        while (running.getAsBoolean()) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(quiet < QUIET_TICKS ? TICK_MICROS : IDLE_TICK_MICROS));
            boolean busy = false;
            for (StageRunner stage : stages) {
                busy |= stage.flushStuck();
            }
            quiet = busy ? 0 : quiet + 1;
        }
    }
}
