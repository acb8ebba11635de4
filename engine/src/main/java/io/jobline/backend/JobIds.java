package io.jobline.backend;

import io.jobline.future.JobFuture;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend's job ids, as {@link Backend} specifies them: each {@code submit} gets its own (a counter, as a string);
 * the futures of one {@code submitBatch} share one and have work ids {@code "0"}, {@code "1"} … in order.
 * Thread-safe.
 */
public final class JobIds {

    private final AtomicLong last = new AtomicLong();

    /** @return the next job id as a number (for backends that make the string only when asked for it) */
    public long nextNumber() {
        return last.incrementAndGet();
    }

    public String next() {
        return Long.toString(nextNumber());
    }

    /** Gives {@code future} the next job id. @return it */
    public String label(JobFuture<?> future) {
        String id = next();
        future.setJobId(id);
        return id;
    }

    /** Gives the futures of one batch the next job id and work ids {@code "0"}, {@code "1"} … @return the job id */
    public String labelBatch(List<? extends JobFuture<?>> futures) {
        String id = next();
        for (int i = 0; i < futures.size(); i++) {
            futures.get(i).setJobId(id);
            futures.get(i).setWorkId(Integer.toString(i));
        }
        return id;
    }
}
