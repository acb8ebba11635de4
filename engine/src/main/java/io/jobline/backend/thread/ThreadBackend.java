package io.jobline.backend.thread;

import io.jobline.backend.Backend;
import io.jobline.backend.Drainable;
import io.jobline.backend.JobIds;
import io.jobline.backend.Lifecycle;
import io.jobline.backend.Work;
import io.jobline.future.JobFuture;
import io.jobline.util.Options;
import io.jobline.util.Threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code thread} backend: runs work on at most {@code workers} threads of this JVM, platform threads or (on
 * JDK 21+, when asked for) virtual threads.
 *
 * <p><b>Submission and order.</b> {@link #submit} and {@link #submitBatch} never block: work goes to one unbounded
 * FIFO queue and starts in submission order as workers free up (it may finish in any order). Worker threads are
 * started on demand, one per submission, until there are {@code workers} of them; they live until the backend is
 * drained or closed.
 *
 * <p><b>Futures.</b> Each future becomes RUNNING when a worker starts it, with {@code node} = the worker thread's
 * name. Every {@link #submit} gets its own job id (a counter of this backend, as a string); the futures of one
 * {@link #submitBatch} share one job id and have work ids {@code "0"}, {@code "1"} … in the order of the works. An
 * exception thrown by the call fails the future with that same exception (its stack trace intact).
 *
 * <p><b>Cancellation.</b> Cancelling a PENDING future means its call never starts; it costs O(1), and the queue drops
 * cancelled tasks (in bulk, once they outnumber the live ones), so they are not kept. {@code cancel(true)} on a RUNNING
 * future interrupts the worker running it (and only while it runs that call); {@code cancel(false)} lets the call
 * finish, ignoring its result.
 *
 * <p><b>Inline calls.</b> {@link #call(Work)} runs the call on the calling thread: no queue, no hop, no worker.
 *
 * <p><b>Ending.</b> {@link #drain(boolean)} ends gracefully, like {@code shutdown()} plus {@code awaitTermination}:
 * no new work, queued work still runs (or is cancelled, if asked), and it returns when every future is final.
 * {@link #close()} ends at once, like {@code shutdownNow()}: no new work, queued work cancelled, running calls
 * interrupted (their futures become final when the calls return), workers exit. Either way a submission refused, or
 * one that raced with the end and was taken back, throws {@link IllegalStateException}. Threads are daemons: an
 * unclosed backend does not keep the JVM alive.
 */
public final class ThreadBackend implements Backend, Drainable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Tells a worker to exit; never run. */
    private static final ThreadTask EXIT = new ThreadTask(Work.of((Runnable) () -> { }, null, null), 0, null);
    /** Below this many cancelled tasks in the queue it is never compacted: a scan would cost more than it frees. */
    private static final int COMPACT_AT_LEAST = 64;

    private final int workers;
    private final boolean virtual;
    private final ThreadFactory factory;
    private final LinkedBlockingQueue<ThreadTask> queue = new LinkedBlockingQueue<>();
    /** Guards starting a worker against drain() and close(), so that they see every worker that starts. */
    private final Object lifecycle = new Object();
    /** The started worker threads, for close() to interrupt and drain() to join; guarded by lifecycle. */
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    /** Tasks cancelled while they waited in the queue since it was last compacted. */
    private final AtomicInteger cancelledInQueue = new AtomicInteger();
    private final JobIds jobIds = new JobIds();
    /** drain(): DRAINING, no new work, queued work still runs; close(): CLOSED, nothing more starts. */
    private final Lifecycle state = new Lifecycle(ThreadBackendProvider.NAME);

    /**
     * @param workers at most this many calls run at once; at least 1
     * @param virtual use virtual threads where the JVM has them (JDK 21+); platform threads otherwise
     * @throws IllegalArgumentException if {@code workers} is below 1
     */
    public ThreadBackend(int workers, boolean virtual) {
        this.workers = Options.intAtLeast("workers", workers, 1);
        this.virtual = virtual && Threads.virtualThreadsAvailable();
        this.factory = Threads.factory("jobline-thread" + INSTANCES.incrementAndGet(), this.virtual);
    }

    /**
     * @param options {@code workers} (whole number &gt;= 1, default: the number of processors) and {@code threads}
     *                ({@code 'platform'}, the default, or {@code 'virtual'})
     * @throws IllegalArgumentException for an unknown option or an invalid value
     */
    public static ThreadBackend create(Map<String, ?> options) {
        validate(options);
        Object workers = options == null ? null : options.get("workers");
        Object threads = options == null ? null : options.get("threads");
        return new ThreadBackend(
                workers == null ? Runtime.getRuntime().availableProcessors() : Options.intAtLeast("workers", workers, 1),
                Threads.wantsVirtual(threads));
    }

    /** Checks the options {@link #create} takes, creating nothing. */
    static void validate(Map<String, ?> options) {
        Options.requireKnown(options, ThreadBackendProvider.OPTIONS, "thread backend option");
        if (options != null && options.get("workers") != null) {
            Options.intAtLeast("workers", options.get("workers"), 1);
        }
        Threads.wantsVirtual(options == null ? null : options.get("threads"));
    }

    @Override
    public String name() {
        return ThreadBackendProvider.NAME;
    }

    /** @return the most calls that run at once */
    public int getWorkers() {
        return workers;
    }

    /** @return whether the workers are virtual threads (false on JVMs without them, even when asked for) */
    public boolean isVirtual() {
        return virtual;
    }

    @Override
    public int parallelism() {
        return workers;
    }

    /** @throws IllegalStateException if this backend is drained or closed */
    @Override
    public JobFuture<Object> submit(Work work) {
        state.checkOpen();
        ThreadTask task = new ThreadTask(work, jobIds.nextNumber(), this);
        queue.offer(task);
        startWorkerIfNeeded();
        if (!state.isOpen()) {
            takeBack(List.of(task));
        }
        return task;
    }

    /**
     * Queues the works as one round: their futures share one job id, with work ids {@code "0"}, {@code "1"} … in
     * order. {@code batchOptions} mean nothing to threads and are ignored.
     *
     * @throws IllegalStateException if this backend is drained or closed
     */
    @Override
    public List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> batchOptions) {
        state.checkOpen();
        List<ThreadTask> tasks = new ArrayList<>(works.size());
        for (Work work : works) {
            tasks.add(new ThreadTask(work, 0, this));
        }
        jobIds.labelBatch(tasks);
        for (ThreadTask task : tasks) {
            queue.offer(task);
            startWorkerIfNeeded();
        }
        if (!state.isOpen()) {
            takeBack(tasks);
        }
        return new ArrayList<>(tasks);
    }

    /**
     * Runs the call on the calling thread and returns its result.
     *
     * @throws Exception             what the call threw, unwrapped
     * @throws IllegalStateException if this backend is drained or closed
     */
    @Override
    public Object call(Work work) throws Exception {
        state.checkOpen();
        return work.run();
    }

    /**
     * Ends gracefully: refuses new work, cancels the queued work if {@code cancelPending} (else lets it run), and
     * waits until the workers have finished everything and exited. Idempotent; after {@link #close()} it only waits
     * for the workers to exit. Called from one of this backend's own calls, it waits for the other workers only.
     */
    @Override
    public void drain(boolean cancelPending) throws InterruptedException {
        if (state.drain()) {
            if (cancelPending) {
                cancelQueued();
            }
            // Behind everything queued: each worker exits when it reaches one, after the work before it.
            for (int i = started.get(); i > 0; i--) {
                queue.offer(EXIT);
            }
        } else if (cancelPending) {
            cancelQueued();
        }
        for (Thread thread : workerThreads()) {
            // A call that drains its own backend waits for the other workers, not for itself.
            if (thread != Thread.currentThread()) {
                thread.join();
            }
        }
    }

    /** Ends at once; idempotent; see the class comment. Does not wait for running calls to return. */
    @Override
    public void close() {
        Lifecycle.State was = state.close();
        if (was == Lifecycle.State.CLOSED) {
            return;
        }
        cancelQueued();
        // Ask the running calls to stop. A worker between two calls ignores the interrupt: it cancels whatever it
        // takes from now on, and exits at its EXIT.
        for (Thread thread : workerThreads()) {
            thread.interrupt();
        }
        if (was == Lifecycle.State.OPEN) {
            for (int i = started.get(); i > 0; i--) {
                queue.offer(EXIT);
            }
        }
    }

    @Override
    public String toString() {
        return "ThreadBackend[workers=" + workers + (virtual ? ", virtual" : "")
                + state.describe() + "]";
    }

    /**
     * A task was cancelled before a worker took it: it stays in the queue (removing it would be O(n) per cancel) and
     * is skipped when taken, but once the cancelled tasks outnumber the live ones the queue is compacted, so they
     * are not kept: a cancel is O(1) amortized, and the queue holds at most about twice its live tasks.
     */
    void cancelledInQueue() {
        int count = cancelledInQueue.incrementAndGet();
        if (count >= COMPACT_AT_LEAST && count > queue.size() / 2 && cancelledInQueue.compareAndSet(count, 0)) {
            queue.removeIf(task -> task != EXIT && task.isDone());
        }
    }

    /** @return the tasks in the queue, cancelled ones not dropped yet included (for tests) */
    int queued() {
        return queue.size();
    }

    private void cancelQueued() {
        List<ThreadTask> queued = new ArrayList<>();
        queue.drainTo(queued);
        for (ThreadTask task : queued) {
            if (task != EXIT) {
                task.cancel(false);
            }
        }
        // The workers' EXITs that drain() or close() put in the queue must stay there.
        for (ThreadTask task : queued) {
            if (task == EXIT) {
                queue.offer(EXIT);
            }
        }
    }

    private List<Thread> workerThreads() {
        synchronized (lifecycle) {
            return new ArrayList<>(threads);
        }
    }

    /**
     * The backend stopped accepting work while these tasks were being queued: drain() may have put its workers'
     * EXITs, or close() emptied the queue, before some of them. A task still in the queue is taken back; if any was,
     * the submission is refused as a whole (all its tasks cancelled). A task already taken by a worker (it runs, or
     * was cancelled by close()) or cancelled by drain(true) counts as submitted before the end.
     */
    private void takeBack(List<ThreadTask> tasks) {
        boolean refused = false;
        for (ThreadTask task : tasks) {
            refused |= queue.remove(task);
        }
        if (refused) {
            for (ThreadTask task : tasks) {
                task.cancel(true);
            }
            throw state.closedError();
        }
    }

    private void startWorkerIfNeeded() {
        int count = started.get();
        while (count < workers) {
            if (started.compareAndSet(count, count + 1)) {
                // drain() and close() set the state, then count the workers and list their threads: a worker
                // counted after that must not start, and one that starts must be in their list.
                synchronized (lifecycle) {
                    if (state.isOpen()) {
                        Thread thread = factory.newThread(this::work);
                        thread.start();
                        threads.add(thread);
                    }
                }
                return;
            }
            count = started.get();
        }
    }

    /** A worker thread's loop: take a task, run it, until told to exit. */
    private void work() {
        Thread thread = Thread.currentThread();
        while (true) {
            ThreadTask task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                // Only close() interrupts an idle worker; it will find its EXIT in the queue.
                continue;
            }
            if (task == EXIT) {
                return;
            }
            if (state.state() == Lifecycle.State.CLOSED) {
                // Taken in the moment close() emptied the queue: nothing starts after close().
                task.cancel(false);
            }
            task.run(thread);
        }
    }
}
