package io.jobline.future;

import io.jobline.util.Threads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** Completion signals for any {@link Future}, so that waiting helpers block instead of polling. */
final class Completion {

    /** Watches futures that have no callbacks; virtual threads where the JVM has them, daemons anyway. */
    private static final ThreadFactory WATCHERS = Threads.factory("jobline-future-watcher", true);

    private Completion() {
    }

    /**
     * Runs {@code action} once {@code future} is final: from the thread that completes it (at once if it is final
     * already) for a {@link CompletionStage} such as a {@link JobFuture}; for another kind of Future, from a watcher
     * thread that blocks in its {@code get()}. {@code action} must be short and must not throw.
     */
    static void whenDone(Future<?> future, Runnable action) {
        if (future instanceof CompletionStage) {
            ((CompletionStage<?>) future).whenComplete((result, error) -> action.run());
            return;
        }
        WATCHERS.newThread(() -> {
            try {
                future.get();
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | RuntimeException ignored) {
                // Failed or cancelled: final all the same.
            }
            action.run();
        }).start();
    }

    /** @return whether {@code future} is final with an exception of its own (cancelled does not count); never blocks */
    static boolean failed(Future<?> future) {
        if (!future.isDone() || future.isCancelled()) {
            return false;
        }
        if (future instanceof CompletableFuture) {
            return ((CompletableFuture<?>) future).isCompletedExceptionally();
        }
        try {
            future.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
