package io.jobline.pipeline;

import io.jobline.future.JobFuture;

import java.util.List;

/**
 * Consecutive items of a stage on a backend other than threads, submitted as one batch: their place in the stage's
 * input, the items, and the calls' futures (null when the backend refused the batch: each item then runs on its
 * own, so that the one at fault is reported with its own error). Owned by one stage worker.
 */
final class InFlightBatch {

    final long seq;
    final List<Object> items;
    final List<JobFuture<Object>> futures;

    private InFlightBatch(long seq, List<Object> items, List<JobFuture<Object>> futures) {
        this.seq = seq;
        this.items = items;
        this.futures = futures;
    }

    static InFlightBatch submit(long seq, List<Object> items, StageInvoker invoker) {
        List<JobFuture<Object>> futures;
        try {
            futures = invoker.submitAll(items);
        } catch (RuntimeException e) {
            futures = null;
        }
        return new InFlightBatch(seq, items, futures);
    }

    /** @return whether item {@code i}'s call has ended (true when it has no call of its own) */
    boolean done(int i) {
        return futures == null || futures.get(i).isDone();
    }

    /**
     * @return item {@code i}'s result
     * @throws Exception            the call's own exception, unwrapped (or the cancellation)
     * @throws InterruptedException if interrupted while waiting; the call is then cancelled
     */
    Object result(int i) throws Exception {
        JobFuture<Object> future = futures.get(i);
        try {
            return future.getResult();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Cancels the calls not ended yet, stopping those that run ({@code cancel(true)}). */
    void cancel() {
        if (futures != null) {
            futures.forEach(future -> future.cancel(true));
        }
    }
}
