package io.jobline.pool

import java.util.concurrent.BlockingQueue
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/** Waiting helpers for pool specs: every wait is bounded, so a bug fails a spec instead of hanging the build. */
final class PoolTesting {

    static final long WAIT_SECONDS = 20

    private PoolTesting() {
    }

    /** @return the next {@code n} items of {@code queue}, failing if they do not all arrive in time */
    static List collect(BlockingQueue queue, int n) {
        List items = []
        while (items.size() < n) {
            def item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS)
            if (item == null) {
                throw new AssertionError("only ${items.size()} of $n items arrived within ${WAIT_SECONDS}s")
            }
            items << item
        }
        items
    }

    /** Runs {@code action} on another thread and returns its value; fails if it does not end in time (a hang). */
    static <T> T within(long seconds = WAIT_SECONDS, Closure<T> action) {
        def result = new CompletableFuture<T>()
        Thread.startDaemon {
            try {
                result.complete(action())
            } catch (Throwable e) {
                result.completeExceptionally(e)
            }
        }
        result.get(seconds, TimeUnit.SECONDS)
    }
}
