package io.jobline.future;

import io.jobline.util.Options;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The end of a job made of many parts (a farm job's work items, a Maya job's futures): final once every part is
 * final, however each ended. Gives the job its {@code join}, {@code join(timeout)} and {@code onDone}. Thread-safe.
 *
 * @param <T> the job
 */
public final class DoneSignal<T> {

    private final T job;
    private final CompletableFuture<T> done = new CompletableFuture<>();

    /** @param parts the parts; the signal is final when they all are (at once for none) */
    public DoneSignal(T job, Collection<? extends CompletableFuture<?>> parts) {
        this.job = job;
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> done.complete(job));
    }

    /** Blocks until every part is final. @return the job */
    public T join() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Blocks at most {@code timeout} (seconds, or a Duration).
     *
     * @return whether every part is final
     * @throws IllegalArgumentException for a timeout that is not a positive number or Duration
     */
    public boolean join(Object timeout) throws InterruptedException {
        Duration limit = Options.duration("timeout", timeout);
        try {
            done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Calls {@code callback} with the job once every part is final (at once if they are), on the thread that ended
     * the last part; a callback's exception does not change the job and is logged once ({@link Callbacks}).
     */
    public void onDone(Consumer<? super T> callback) {
        done.whenComplete((ignored, error) -> Callbacks.callLogged(callback, job, job));
    }

    /** @return a future completed with the job once every part is final */
    public CompletableFuture<T> future() {
        return done;
    }
}
