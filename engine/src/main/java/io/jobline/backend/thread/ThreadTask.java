package io.jobline.backend.thread;

import io.jobline.backend.Work;
import io.jobline.future.JobFuture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * One queued call of the {@link ThreadBackend}: the future the caller holds and the task a worker runs, in one
 * object, so a submission allocates nothing else (the job id string included: it is made when asked for). It is
 * also its own canceller.
 *
 * <p>{@code cancel(true)} interrupts the worker only while this task's call runs on it: the {@code phase} handshake
 * (modelled on {@link java.util.concurrent.FutureTask}) makes the worker wait for an interrupt that is under way
 * before it clears the flag and takes its next task, so a late interrupt never hits another task.
 */
final class ThreadTask extends JobFuture<Object> implements Consumer<Boolean> {

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;
    private static final int FINISHED = 4;

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(ThreadTask.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Dropped once the call has run, so a finished future does not keep its arguments alive. */
    private Work work;
    private final long id;
    /** Told when this task is cancelled before a worker took it, so that its queue can drop it; null for none. */
    private final ThreadBackend backend;
    private Thread runner;
    @SuppressWarnings("unused") // accessed through PHASE
    private volatile int phase;

    /**
     * @param id the job id as a number, turned into the string {@link #getJobId()} returns only when asked for:
     *           most futures are never asked; 0 for none (then {@link #setJobId} gives it)
     */
    ThreadTask(Work work, long id, ThreadBackend backend) {
        super(work.getName());
        this.work = work;
        this.id = id;
        this.backend = backend;
        setCanceller(this);
    }

    @Override
    public String getJobId() {
        String given = super.getJobId();
        return given != null || id == 0 ? given : Long.toString(id);
    }

    /**
     * Runs the call on the current (worker) thread unless the future is already final; returns with the thread's
     * interrupt status cleared.
     */
    void run(Thread thread) {
        runner = thread;
        // Publish RUNNING before checking for a cancel: either the canceller sees RUNNING and interrupts, or we see
        // the cancellation and never start the call.
        PHASE.setVolatile(this, RUNNING);
        if (!isDone()) {
            setNode(thread.getName());
            markRunning();
            try {
                complete(work.run());
            } catch (Throwable e) {
                completeExceptionally(e);
            }
        }
        work = null;
        if (!PHASE.compareAndSet(this, RUNNING, FINISHED)) {
            // A cancel(true) is interrupting us right now: let it land, so it cannot hit the next task instead.
            while ((int) PHASE.getVolatile(this) != INTERRUPTED) {
                Thread.onSpinWait();
            }
        }
        runner = null;
        Thread.interrupted();
    }

    /** The canceller hook: called once, after {@code cancel} made this future CANCELLED. */
    @Override
    public void accept(Boolean mayInterruptIfRunning) {
        if ((int) PHASE.getVolatile(this) == QUEUED) {
            // Still in the queue (or being taken right now): it will never run; drop its arguments now.
            work = null;
            if (backend != null) {
                backend.cancelledInQueue();
            }
            return;
        }
        if (mayInterruptIfRunning && PHASE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            try {
                runner.interrupt();
            } finally {
                PHASE.setVolatile(this, INTERRUPTED);
            }
        }
    }
}
