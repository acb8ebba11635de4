package io.jobline.executor;

import io.jobline.future.JobFuture;
import io.jobline.util.Threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Gathers all results of a {@link MapIterator} on a thread of its own, for {@link JobExecutor#mapAsync}: the future
 * gets the list of results in input order, or the first failure, the way {@code next()} throws it. Cancelling the
 * future closes the iterator, which cancels the chunks in flight.
 */
final class MapInBackground {

    private static final ThreadFactory THREADS = Threads.factory("jobline-map", false);

    private MapInBackground() {
    }

    static JobFuture<List<Object>> gather(MapIterator results) {
        JobFuture<List<Object>> future = new JobFuture<>();
        future.setCanceller(interrupt -> results.close());
        THREADS.newThread(() -> {
            List<Object> all = new ArrayList<>();
            try {
                while (results.hasNext() && !future.isDone()) {
                    all.add(results.next());
                }
                future.complete(all);
            } catch (Throwable e) { // a checked exception the input threw undeclared too: the future must end
                future.completeExceptionally(e);
                results.close();
            }
        }).start();
        return future;
    }
}
