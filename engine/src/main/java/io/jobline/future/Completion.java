package io.jobline.future;

import io.jobline.util.Threads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Completion signals for any {@link Future}, so that waiting helpers block instead of polling, and can stop
 * waiting without leaving anything behind.
 *
 * <p>Each future gets at most one hook however often it is waited for: one completion callback for a
 * {@link CompletionStage} (such as a {@link JobFuture}), one watcher thread blocked in {@code get()} for another kind
 * of Future (a {@link java.util.concurrent.FutureTask}, say). Waiters come and go on that hook: {@link #whenDone}
 * adds one and returns a {@link Registration} that takes it off again, so a loop of timed waits on a future that
 * does not finish adds nothing per wait (before, each wait added a callback the future kept until it finished, and
 * started a watcher thread for a plain Future). The hooks are found through a weak map: a future nobody else holds
 * is not kept alive here.
 */
final class Completion {

    /** Watches futures that have no callbacks, one thread per future; virtual threads where the JVM has them. */
    private static final ThreadFactory WATCHERS = Threads.factory("jobline-future-watcher", true);
    /** The hook of each future not seen final yet; guarded by itself. */
    private static final Map<Future<?>, Signal> SIGNALS = Collections.synchronizedMap(new WeakHashMap<>());

    private Completion() {
    }

    /** Takes a waiter off its future's hook. */
    interface Registration extends AutoCloseable {
        /** After this the action is not run (unless it runs right now); idempotent. */
        @Override
        void close();
    }

    /**
     * Runs {@code action} once {@code future} is final: at once if it is final already, else from the thread that
     * completes it (a {@link CompletionStage}) or from the future's watcher thread. {@code action} must be short and
     * must not throw.
     *
     * @return what takes the action off again
     */
    static Registration whenDone(Future<?> future, Runnable action) {
        Signal signal;
        boolean created = false;
        synchronized (SIGNALS) {
            signal = SIGNALS.get(future);
            if (signal == null) {
                signal = new Signal();
                SIGNALS.put(future, signal);
                created = true;
            }
        }
        Registration registration = signal.add(action);
        if (created) {
            hook(future, signal);
        }
        return registration;
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

    /** The one hook of a future: fires its signal when it is final. The signal never refers to the future. */
    private static void hook(Future<?> future, Signal signal) {
        if (future instanceof CompletionStage) {
            ((CompletionStage<?>) future).whenComplete((result, error) -> fired(future, signal));
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
            fired(future, signal);
        }).start();
    }

    private static void fired(Future<?> future, Signal signal) {
        synchronized (SIGNALS) {
            SIGNALS.remove(future, signal);
        }
        signal.fire();
    }

    /** The waiters of one future; it fires once. */
    private static final class Signal {
        private final List<Runnable> waiters = new ArrayList<>(2);
        private boolean fired;

        Registration add(Runnable action) {
            synchronized (this) {
                if (!fired) {
                    waiters.add(action);
                    return () -> remove(action);
                }
            }
            action.run();
            return () -> { };
        }

        private synchronized void remove(Runnable action) {
            // By identity: two waiters may hold equal actions.
            for (int i = 0; i < waiters.size(); i++) {
                if (waiters.get(i) == action) {
                    waiters.remove(i);
                    return;
                }
            }
        }

        void fire() {
            List<Runnable> toRun;
            synchronized (this) {
                fired = true;
                toRun = new ArrayList<>(waiters);
                waiters.clear();
            }
            toRun.forEach(Runnable::run);
        }
    }
}
