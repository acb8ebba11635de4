package io.jobline.pipeline;

import io.jobline.function.JobFunction;

import java.util.concurrent.TimeUnit;

/**
 * Keeps a stage at or under a number of items per second, shared by all its workers (jobq's limit_job_speed).
 * The rate is a constant or a function read on every item, so it can be changed while the run goes on.
 */
final class RateLimiter {

    private final double constant;
    private final JobFunction dynamic;
    private long nextFree = System.nanoTime();

    RateLimiter(double constant, JobFunction dynamic) {
        this.constant = constant;
        this.dynamic = dynamic;
    }

    /** Waits until one more item may pass. */
    void acquire() throws Exception {
        double rate = constant;
        if (dynamic != null) {
            Object value = dynamic.call();
            if (!(value instanceof Number) || ((Number) value).doubleValue() <= 0) {
                throw new IllegalArgumentException("rate: the rate function must return a positive number, got "
                        + io.jobline.util.Options.show(value));
            }
            rate = ((Number) value).doubleValue();
        }
        long interval = (long) (1e9 / rate);
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFree);
            nextFree = start + interval;
            wait = start - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
