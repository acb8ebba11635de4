package io.jobline.future;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.jobline.util.Show;

/**
 * The result of one piece of work handed to a backend: a {@link CompletableFuture} with the extras of
 * Python's {@code concurrent.futures.Future} and of farm jobs.
 *
 * <p>Blocking: {@link #get()}, {@link #getResult()} and {@link #getException()} block until the work is final;
 * the timed forms throw {@link TimeoutException} when it is not final in time. Failure: an exception thrown by the
 * work is the cause of the {@link ExecutionException} from {@code get()}, with its original (for remote backends:
 * remote) stack trace; {@link #getResult()} throws it directly. Cancelling a PENDING future means its work never
 * starts; cancelling a RUNNING one asks the backend to stop it (interrupting a thread, killing a farm job).
 *
 * <p>{@link #getJobId()}, {@link #getWorkId()} and {@link #getNode()} are set by backends that have them; a
 * future of an uncommitted batch has no ids yet.
 *
 * @param <T> the result type
 */
public class JobFuture<T> extends CompletableFuture<T> {

    private final String name;
    private volatile boolean running;
    private volatile String jobId;
    private volatile String workId;
    private volatile Object node;
    private volatile Consumer<Boolean> canceller;

    /** A PENDING future without a name. */
    public JobFuture() {
        this(null);
    }

    /** @param name the job's or work item's name, for display; may be {@code null} */
    public JobFuture(String name) {
        this.name = name;
    }

    /** Called by a backend when a worker starts the work. Has no effect once the future is final. */
    public void markRunning() {
        running = true;
    }

    /**
     * Called by a backend that queues the work again (its worker died before the work ended, and it will be sent
     * to another): the future is PENDING again, with no node, until {@link #markRunning()}. Has no effect once the
     * future is final.
     */
    public void markPending() {
        running = false;
        node = null;
    }

    /**
     * Called by a backend to say how to stop the work when {@link #cancel(boolean)} wins.
     * The hook receives {@code mayInterruptIfRunning}; it must not block.
     */
    public void setCanceller(Consumer<Boolean> canceller) {
        this.canceller = canceller;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Consumer<Boolean> hook = canceller;
        if (cancelled && hook != null) {
            hook.accept(mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** Cancels, interrupting the work if it is running. Same as {@code cancel(true)}. */
    public boolean cancel() {
        return cancel(true);
    }

    /**
     * @return the state, derived from completion; it goes back from RUNNING to PENDING only when a backend queues
     * the work again ({@link #markPending()}), and never leaves a final state
     */
    public JobState getState() {
        if (isDone()) {
            if (isCancelled()) {
                return JobState.CANCELLED;
            }
            return isCompletedExceptionally() ? JobState.FAILED : JobState.DONE;
        }
        return running ? JobState.RUNNING : JobState.PENDING;
    }

    /**
     * Waits and returns the result; throws the work's own exception (not wrapped) if it failed,
     * {@link CancellationException} if it was cancelled.
     */
    public T getResult() throws Exception {
        try {
            return get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Like {@link #getResult()}, waiting at most {@code timeout}; {@link TimeoutException} if not final by then. */
    public T getResult(Duration timeout) throws Exception {
        try {
            return get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** {@code get(seconds)}: waits at most that many seconds (a Number), as in {@code concurrent.futures}. */
    public T get(Number timeoutSeconds) throws InterruptedException, ExecutionException, TimeoutException {
        return get(Math.round(timeoutSeconds.doubleValue() * 1e9), TimeUnit.NANOSECONDS);
    }

    /**
     * {@link CompletableFuture#get()}; the {@link ExecutionException}'s message is safe text even when the work's
     * exception has a {@code toString()} that throws (the JDK's would throw that instead).
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return super.get();
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw unprintableFailure(e);
        }
    }

    /** {@link CompletableFuture#join()}, with {@link #get()}'s safe message for the work's exception. */
    @Override
    public T join() {
        try {
            return super.join();
        } catch (CompletionException | CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            ExecutionException failed = unprintableFailure(e);
            throw new CompletionException(failed.getMessage(), failed.getCause());
        }
    }

    /** @return the exception this future failed with, unwrapped; null if it has not failed */
    private Throwable failureNow() {
        Throwable failure = handle((value, error) -> error).getNow(null);
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * The JDK wraps the work's exception with a constructor that calls its {@code toString()}; when that threw
     * {@code thrown} (a RuntimeException or a StackOverflowError), this is the wrapping with the exception named
     * safely. Rethrows {@code thrown} if this future did not fail (then it came from elsewhere).
     */
    private ExecutionException unprintableFailure(Throwable thrown) {
        Throwable failure = failureNow();
        if (failure == null) {
            if (thrown instanceof Error) {
                throw (Error) thrown;
            }
            throw (RuntimeException) thrown;
        }
        return new ExecutionException(Show.unprintable(failure, thrown), failure);
    }

    /**
     * {@link CompletableFuture#get(long, TimeUnit)}, whose {@link TimeoutException} says which future was not final
     * after how long (the work goes on: {@link #cancel()} stops it).
     */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return super.get(timeout, unit);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw unprintableFailure(e);
        } catch (TimeoutException e) {
            TimeoutException explained = new TimeoutException(this + " is not final after "
                    + (unit.toMillis(timeout) / 1000.0) + " s" + " (get timed out; the work goes on, cancel() stops it)");
            explained.setStackTrace(e.getStackTrace());
            throw explained;
        }
    }

    /**
     * Waits and returns the exception the work failed with, {@code null} if it succeeded, or a
     * {@link CancellationException} if it was cancelled.
     */
    public Throwable getException() throws InterruptedException {
        try {
            get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /**
     * Calls {@code callback} with this future once it is final (at once, on this thread, if it already is;
     * otherwise on the thread that completes it). An exception from the callback does not fail the future or its
     * other callbacks: it is logged once (a WARNING of {@code io.jobline.future}) naming this future.
     *
     * @return this future
     */
    public JobFuture<T> onDone(Consumer<? super JobFuture<T>> callback) {
        whenComplete((result, error) -> Callbacks.callLogged(callback, this, this));
        return this;
    }

    /** @return the name given at submission, or {@code null} */
    public String getName() {
        return name;
    }

    /** @return the backend's job id (a farm job id, a batch's id), or {@code null} before submission */
    public String getJobId() {
        return jobId;
    }

    /** Set by backends. */
    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    /** @return the work item's id within its job (an array index, an agenda item), or {@code null} */
    public String getWorkId() {
        return workId;
    }

    /** Set by backends. */
    public void setWorkId(String workId) {
        this.workId = workId;
    }

    /**
     * @return where the work ran (a host or worker name), set by backends; users may also attach their own value,
     * as in qbfutures ({@code future.node = node})
     */
    public Object getNode() {
        return node;
    }

    /** Set by backends, or by users to tag the future. */
    public void setNode(Object node) {
        this.node = node;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new JobFuture<>();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("JobFuture[");
        if (name != null) {
            text.append(name).append(", ");
        }
        String job = getJobId();
        if (job != null) {
            text.append("job ").append(job);
            String work = getWorkId();
            if (work != null) {
                text.append(':').append(work);
            }
            text.append(", ");
        }
        return text.append(getState()).append(']').toString();
    }

    private static Exception unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception) {
            return (Exception) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return e;
    }
}
