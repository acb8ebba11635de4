package io.jobline.future;

import io.jobline.util.Failures;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Iterable of {@link Futures#asCompleted}; each iterator registers its own completion callbacks. */
final class AsCompleted<F extends CompletableFuture<?>> implements Iterable<F> {

    private final Set<F> futures;
    /** {@link System#nanoTime()} deadline, or {@code null} for none. */
    private final Long deadline;

    AsCompleted(Collection<? extends F> futures, Long deadline) {
        this.futures = new LinkedHashSet<>(futures);
        this.deadline = deadline;
    }

    @Override
    public Iterator<F> iterator() {
        LinkedBlockingQueue<F> completed = new LinkedBlockingQueue<>();
        for (F future : futures) {
            // Already final ones are queued at once, in collection order, so they come first.
            future.whenComplete((result, error) -> completed.add(future));
        }
        return new Iterator<>() {
            private int left = futures.size();

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public F next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                F future;
                try {
                    future = deadline == null
                            ? completed.take()
                            : completed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    throw Failures.interrupted("asCompleted", e);
                }
                if (future == null) {
                    throw new CompletionException(new TimeoutException(
                            "asCompleted: " + left + " of " + futures.size() + " futures not final within the timeout"));
                }
                left--;
                return future;
            }
        };
    }
}
