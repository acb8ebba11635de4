package io.jobline.backend.process;

import io.jobline.backend.WorkOrigin;
import io.jobline.future.JobFuture;
import io.jobline.shipping.Packet;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One call of the {@link ProcessBackend}: the future the caller holds, with what is sent to a worker (the packed
 * function and arguments). It is its own canceller. The fields without {@code final} are guarded by the backend's
 * lock.
 *
 * <p>Its state is RUNNING from when it is sent to a worker; PENDING again when its worker died and it waits to be
 * sent again.
 */
final class ProcessTask extends JobFuture<Object> implements Consumer<Boolean> {

    /** The task's id on the wire; unique within its backend. */
    final long id;
    /** The call in words, for messages: {@code "work 'render'"}; unnamed, {@code "task 12"} or {@code "task 12:3"} (job 12, work 3). */
    final String what;
    final FunctionCache.Shipped function;
    final Packet args;
    /** {@link io.jobline.backend.Work#family()}: calls of one family may wait in a worker behind each other. */
    final Object family;
    /** The {@code timeout} job option, or null. */
    final Duration timeout;
    /** What the call is for, for stats; set before the task is queued. */
    volatile WorkOrigin origin = WorkOrigin.NONE;
    private final ProcessBackend backend;

    /** Times it was running in a worker that died under it (what {@code retries} counts). */
    int deaths;
    /** Times it was sent to a worker that died before it began the call. */
    int unbegun;
    /** Whether it waits in the {@link CallQueue} now (set and cleared by the queue). */
    boolean queued;
    /** Whether it became final while it waited in the {@link CallQueue} (which then drops it lazily). */
    boolean queuedWhenDone;
    /** The worker running it, while it runs. */
    WorkerProcess worker;
    ScheduledFuture<?> timer;
    /** Why it is being stopped in its worker (cancelled, timed out), once it is; else null. */
    String stopping;

    ProcessTask(ProcessBackend backend, long id, String name, String what, FunctionCache.Shipped function,
                Packet args, Duration timeout, Object family) {
        super(name);
        this.backend = backend;
        this.id = id;
        this.what = what;
        this.function = function;
        this.args = args;
        this.timeout = timeout;
        this.family = family;
        setCanceller(this);
    }

    /** The canceller hook: called once, after {@code cancel} made this future CANCELLED. */
    @Override
    public void accept(Boolean mayInterruptIfRunning) {
        backend.cancelled(this, mayInterruptIfRunning);
    }
}
