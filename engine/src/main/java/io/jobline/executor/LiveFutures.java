package io.jobline.executor;

import io.jobline.future.JobFuture;
import io.jobline.future.JobState;

import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The futures an executor has handed out and may still have to wait for or cancel at close.
 *
 * <p>Adding costs one queue node and no completion callback (the executor's per-task overhead matters). Finished
 * futures are swept out whenever the queue has doubled since the last sweep, so memory stays proportional to the
 * number of unfinished futures and the sweeping costs O(1) per added future, amortized.
 */
final class LiveFutures {

    private static final int MIN_SWEEP = 1024;

    private final ConcurrentLinkedQueue<JobFuture<?>> futures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile int sweepAt = MIN_SWEEP;

    void add(JobFuture<?> future) {
        futures.offer(future);
        if (size.incrementAndGet() >= sweepAt) {
            sweep();
        }
    }

    /** Cancels, without interrupting, every future whose work has not started. */
    void cancelPending() {
        for (JobFuture<?> future : futures) {
            if (future.getState() == JobState.PENDING) {
                future.cancel(false);
            }
        }
    }

    /** Cancels every future not final yet, interrupting running work. */
    void cancelAll() {
        for (JobFuture<?> future : futures) {
            future.cancel(true);
        }
    }

    /** Waits until every future added before this call is final, whatever its outcome. */
    void awaitAll() throws InterruptedException {
        for (JobFuture<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException | CancellationException ignored) {
                // The outcome belongs to whoever holds the future; here only its being final matters.
            }
        }
    }

    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            int removed = 0;
            for (Iterator<JobFuture<?>> it = futures.iterator(); it.hasNext(); ) {
                if (it.next().isDone()) {
                    it.remove();
                    removed++;
                }
            }
            sweepAt = Math.max(MIN_SWEEP, 2 * size.addAndGet(-removed));
        } finally {
            sweeping.set(false);
        }
    }
}
