package io.jobline.backend.process;

import io.jobline.backend.Backend;
import io.jobline.backend.Drainable;
import io.jobline.backend.Work;
import io.jobline.backend.WorkOrigin;
import io.jobline.future.JobFuture;
import io.jobline.shipping.Packet;
import io.jobline.shipping.Shipping;
import io.jobline.util.Options;
import io.jobline.util.Timeouts;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code process} backend: runs work in a pool of warm worker JVMs on this machine, at most {@code workers} of
 * them, each running one call at a time. Functions (closures and classes compiled at run time included, see
 * {@link io.jobline.shipping.Shipping}) are serialized once per backend and sent once per worker; a call carries
 * only its arguments. Workers talk to the caller over their stdin and stdout; what they print is forwarded line by
 * line, prefixed {@code [worker N] }, to this JVM's {@code System.out} and {@code System.err}.
 *
 * <p><b>Submission and order.</b> {@link #submit} and {@link #submitBatch} never wait for a worker: they serialize
 * the arguments on the calling thread (so a value that cannot cross fails the submission with a
 * {@link io.jobline.shipping.NotShippableException} naming it), put the call in one FIFO queue, and return. Calls
 * start in submission order as workers free up and may finish in any order. Workers are started lazily, while
 * calls wait and there are fewer than {@code workers}, and live until the backend is closed or they die.
 *
 * <p><b>Futures.</b> A future becomes RUNNING when its call is sent to a worker, with {@code node} = the worker's
 * name, {@code worker 2 (pid 4711)}. Each {@link #submit} gets its own job id (a counter, as a string); the futures
 * of one {@link #submitBatch} share one job id and have work ids {@code "0"}, {@code "1"} … in order. Futures are
 * completed on the worker's reader thread, so completion callbacks must not block for long.
 *
 * <p><b>Failures.</b> An exception thrown by the call fails the future with the same exception class, its stack
 * trace the worker's frames, causes and suppressed exceptions kept; when the exception cannot be recreated here
 * (its class is unknown to this JVM, or it holds something unserializable) the future fails with a
 * {@link io.jobline.shipping.RemoteFailure} carrying its class name, message, frames and causes. A result that
 * cannot be serialized fails the future with a {@link io.jobline.shipping.NotShippableException} saying so.
 *
 * <p><b>Dead workers.</b> When a worker ends while running a call (killed, crashed, {@code System.exit}, out of
 * memory), the call is sent again to another worker if it has {@code retries} left, else its future fails with a
 * {@link WorkerDiedException} (which worker, how it ended, its last stderr lines). The worker is replaced when work
 * is waiting. A worker that dies before it is ready (bad {@code jvmArgs}, say) when no other worker is, fails the
 * waiting calls the same way instead of being restarted again and again.
 *
 * <p><b>Cancellation and timeouts.</b> Cancelling a PENDING future means its call is never sent. {@code cancel(true)}
 * on a RUNNING one interrupts the call in the worker; if the call has not ended a second later,
 * the worker is killed and replaced. {@code cancel(false)} lets the call finish, ignoring its result. The job option
 * {@code timeout} (seconds, or a {@link Duration}), counted from when the call is first sent, fails the future with
 * a {@link TimeoutException} naming the limit and stops the call the same way.
 *
 * <p><b>Ending.</b> {@link #drain(boolean)} ends gracefully: no new work, queued work still runs (or is cancelled),
 * and it returns when every future is final. {@link #close()} ends at once: no new work, every future not final is
 * cancelled, the workers' stdin is closed (they exit) and workers still alive a moment later are killed; it returns
 * when every worker process has ended. One JVM shutdown hook kills the workers of every backend still open, so an
 * exit of this JVM leaves no worker behind; a worker whose caller is killed outright exits when its stdin closes.
 * Either way a submission refused throws {@link IllegalStateException}. All methods are thread-safe.
 */
public final class ProcessBackend implements Backend, Drainable {

    /** How long a cancelled or timed-out call has to end after its interrupt before its worker is killed. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** A worker that is not ready by then is killed (and counts as one that could not start). */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** Start failures in a row after which waiting calls fail even while other workers are up. */
    private static final int START_FAILURES_ALLOWED = 3;
    private static final int FUNCTIONS_CACHED = 256;

    private static final int OPEN = 0;
    private static final int DRAINING = 1;
    private static final int CLOSED = 2;

    private final ProcessOptions options;
    private final FunctionCache functions = new FunctionCache(FUNCTIONS_CACHED);
    private final AtomicLong taskIds = new AtomicLong();
    private final AtomicLong jobIds = new AtomicLong();
    private final Object lock = new Object();
    /** Calls not sent yet, or to be sent again; guarded by lock. */
    private final ArrayDeque<ProcessTask> queue = new ArrayDeque<>();
    /** Workers starting or alive; guarded by lock. */
    private final List<WorkerProcess> workers = new ArrayList<>();
    /** Guarded by lock. */
    private int workerNumbers;
    /** Workers in a row that died before they were ready; guarded by lock. */
    private int failedStarts;
    private volatile int state = OPEN;

    private ProcessBackend(ProcessOptions options) {
        this.options = options;
    }

    /**
     * @param options {@code workers} (whole number &gt;= 1, default: the number of processors), {@code jvmArgs}
     *                (a list, or a whitespace-separated string), {@code env} (a map), {@code cloneEnv} (default
     *                true: workers inherit this JVM's environment, plus {@code env}; false: only {@code env}),
     *                {@code classpath} (extra entries after this JVM's class path: a list, or a path string),
     *                {@code retries} (default 0: how often a call whose worker died is sent again) and {@code java}
     *                (the java executable; default: this JVM's)
     * @throws IllegalArgumentException for an unknown option or an invalid value
     */
    public static ProcessBackend create(Map<String, ?> options) {
        return new ProcessBackend(ProcessOptions.of(options));
    }

    @Override
    public String name() {
        return ProcessBackendProvider.NAME;
    }

    /** @return the most worker processes (and so calls) at once */
    public int getWorkers() {
        return options.workers;
    }

    @Override
    public int parallelism() {
        return options.workers;
    }

    /** Serializes {@code function} now (it is then cached for the calls that use it). */
    @Override
    public void check(Object function, String what) {
        functions.pack(function, what);
    }

    /**
     * @throws io.jobline.shipping.NotShippableException if the function or an argument cannot be sent to a worker
     * @throws IllegalArgumentException                  for an invalid {@code timeout} option
     * @throws IllegalStateException                     if this backend is drained or closed
     */
    @Override
    public JobFuture<Object> submit(Work work) {
        checkOpen();
        ProcessTask task = task(work, Long.toString(jobIds.incrementAndGet()), null);
        enqueue(List.of(task));
        return task;
    }

    /**
     * Queues the works as one round: their futures share one job id, with work ids {@code "0"}, {@code "1"} … in
     * order. {@code batchOptions} mean nothing to this backend and are ignored. Nothing is queued if any work
     * cannot be sent.
     *
     * @throws io.jobline.shipping.NotShippableException if a function or an argument cannot be sent to a worker
     * @throws IllegalStateException                     if this backend is drained or closed
     */
    @Override
    public List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> batchOptions) {
        checkOpen();
        String jobId = Long.toString(jobIds.incrementAndGet());
        List<ProcessTask> tasks = new ArrayList<>(works.size());
        for (Work work : works) {
            tasks.add(task(work, jobId, Integer.toString(tasks.size())));
        }
        enqueue(tasks);
        return new ArrayList<>(tasks);
    }

    /** @return worker name to the origin of the work it runs; a snapshot */
    @Override
    public Map<String, WorkOrigin> busyWorkers() {
        Map<String, WorkOrigin> busy = new LinkedHashMap<>();
        synchronized (lock) {
            for (WorkerProcess worker : workers) {
                if (worker.current != null) {
                    busy.put(worker.name, worker.current.origin);
                }
            }
        }
        return busy;
    }

    /**
     * Ends gracefully: refuses new work, cancels the queued work if {@code cancelPending} (else lets it run), and
     * waits until every future this backend returned is final. The workers stay up until {@link #close()}.
     * Futures are completed on the workers' reader threads, so do not call this from a completion callback.
     */
    @Override
    public void drain(boolean cancelPending) throws InterruptedException {
        List<ProcessTask> dropped = List.of();
        synchronized (lock) {
            if (state == OPEN) {
                state = DRAINING;
            }
            if (cancelPending) {
                dropped = new ArrayList<>(queue);
                queue.clear();
            }
        }
        dropped.forEach(task -> task.cancel(false));
        synchronized (lock) {
            while (!allFinal()) {
                lock.wait();
            }
        }
    }

    /** Ends at once; idempotent; see the class comment. Returns when every worker process has ended. */
    @Override
    public void close() {
        List<ProcessTask> cancelled;
        List<WorkerProcess> stopping;
        synchronized (lock) {
            if (state == CLOSED) {
                return;
            }
            state = CLOSED;
            cancelled = new ArrayList<>(queue);
            queue.clear();
            stopping = new ArrayList<>(workers);
            for (WorkerProcess worker : stopping) {
                if (worker.current != null) {
                    cancelled.add(worker.current);
                }
                worker.killReason = "the backend was closed";
                worker.closeInput();
            }
        }
        // cancel(false): the workers are being stopped anyway, no cancel frames needed.
        cancelled.forEach(task -> task.cancel(false));
        boolean interrupted = false;
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (WorkerProcess worker : stopping) {
            try {
                if (!worker.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    worker.process.destroyForcibly();
                    worker.process.waitFor();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                worker.process.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProcessBackend[workers=" + options.workers
                + (state == OPEN ? "" : state == DRAINING ? ", draining" : ", closed") + "]";
    }

    /** @return the pids of the worker processes starting or alive now (for tests) */
    List<Long> workerPids() {
        synchronized (lock) {
            return workers.stream().map(worker -> worker.process.pid()).collect(Collectors.toList());
        }
    }

    // ---- called by ProcessTask and WorkerProcess

    /** A future was cancelled: drop it from the queue, or stop its call in the worker. */
    void cancelled(ProcessTask task, boolean mayInterrupt) {
        synchronized (lock) {
            if (task.timer != null) {
                task.timer.cancel(false);
            }
            if (task.worker == null) {
                queue.remove(task);
                lock.notifyAll();
                return;
            }
        }
        if (mayInterrupt) {
            stop(task, "cancelled");
        }
    }

    /** A frame from a worker: it is ready, or a call ended. */
    void received(WorkerProcess worker, Frames.Frame frame) throws IOException {
        DataInputStream body = new DataInputStream(new ByteArrayInputStream(frame.body()));
        List<Runnable> later = new ArrayList<>();
        if (frame.type() == Frames.READY) {
            synchronized (lock) {
                if (worker.state == WorkerProcess.State.STARTING) {
                    worker.state = WorkerProcess.State.IDLE;
                    worker.startLimit.cancel(false);
                    failedStarts = 0;
                    dispatch(later);
                }
            }
            later.forEach(Runnable::run);
            return;
        }
        if (frame.type() != Frames.RESULT && frame.type() != Frames.FAILURE) {
            throw new IOException("unexpected frame type " + frame.type() + " from " + worker);
        }
        long taskId = body.readLong();
        ProcessTask task;
        synchronized (lock) {
            task = worker.current;
            if (task == null || task.id != taskId) {
                return;
            }
            worker.current = null;
            task.worker = null;
            if (task.timer != null) {
                task.timer.cancel(false);
            }
            if (worker.state == WorkerProcess.State.BUSY) {
                worker.state = WorkerProcess.State.IDLE;
            }
            dispatch(later);
        }
        later.forEach(Runnable::run);
        if (!task.isDone()) {
            Replies.settle(task, frame.type() == Frames.RESULT, body);
        }
    }

    /** A worker's process ended: its call is sent again or fails; it is replaced if work waits. */
    void died(WorkerProcess worker, int exitCode) {
        List<Runnable> later = new ArrayList<>();
        synchronized (lock) {
            boolean starting = worker.state == WorkerProcess.State.STARTING;
            workers.remove(worker);
            worker.state = WorkerProcess.State.DEAD;
            ProcessTask task = worker.current;
            worker.current = null;
            if (task != null) {
                task.worker = null;
            }
            if (task != null && !task.isDone()) {
                if (task.deaths < options.retries && state != CLOSED) {
                    task.deaths++;
                    queue.addFirst(task);
                } else {
                    WorkerDiedException death = new WorkerDiedException(worker.name, "while running " + task.what,
                            exitCode, worker.lastLines());
                    later.add(() -> task.completeExceptionally(death));
                }
            }
            if (starting && state != CLOSED) {
                failedStarts++;
                boolean noneReady = workers.stream().noneMatch(w -> w.state != WorkerProcess.State.STARTING);
                if (noneReady || failedStarts >= START_FAILURES_ALLOWED) {
                    String doing = "before it was ready"
                            + (worker.killReason != null ? " (" + worker.killReason + ")" : "");
                    failQueued(later, () -> new WorkerDiedException(worker.name, doing, exitCode, worker.lastLines()));
                }
            }
            if (state != CLOSED) {
                dispatch(later);
            }
            lock.notifyAll();
        }
        later.forEach(Runnable::run);
    }

    // ---- internals

    /** Packs a work (in the calling thread) into a task with those ids; {@code workId} is null outside batches. */
    private ProcessTask task(Work work, String jobId, String workId) {
        long id = taskIds.incrementAndGet();
        String name = work.getName();
        String what = name != null ? "work '" + name + "'" : "task " + jobId + (workId != null ? ":" + workId : "");
        FunctionCache.Shipped function = functions.pack(work.getTarget(), what);
        Packet args = Shipping.packArguments(work.getArgs(), what);
        Duration timeout = Options.duration("timeout", work.getOptions().get("timeout"));
        ProcessTask task = new ProcessTask(this, id, name, what, function, args, timeout);
        task.origin = work.getOrigin();
        task.setJobId(jobId);
        task.setWorkId(workId);
        task.whenComplete((result, failure) -> {
            // drain() waits for every future to be final; it only listens once the backend stopped taking work.
            if (state != OPEN) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        });
        return task;
    }

    private void enqueue(List<ProcessTask> tasks) {
        List<Runnable> later = new ArrayList<>();
        synchronized (lock) {
            if (state != OPEN) {
                throw closedError();
            }
            queue.addAll(tasks);
            dispatch(later);
        }
        later.forEach(Runnable::run);
    }

    /**
     * Sends queued calls to idle workers, then starts workers for the calls still waiting. Futures to complete
     * are added to {@code later}, to run once the lock is released. Holds the lock.
     */
    private void dispatch(List<Runnable> later) {
        while (!queue.isEmpty()) {
            ProcessTask task = queue.peekFirst();
            if (task.isDone()) {
                queue.pollFirst();
                continue;
            }
            WorkerProcess idle = idleWorker();
            if (idle == null) {
                break;
            }
            queue.pollFirst();
            assign(idle, task);
        }
        if (state == CLOSED) {
            return;
        }
        long starting = workers.stream().filter(w -> w.state == WorkerProcess.State.STARTING).count();
        while (starting < queue.size() && workers.size() < options.workers) {
            try {
                WorkerProcess worker = WorkerProcess.start(this, ++workerNumbers, options);
                workers.add(worker);
                starting++;
                worker.startLimit = Timeouts.after(START_LIMIT, () -> {
                    synchronized (lock) {
                        if (worker.state == WorkerProcess.State.STARTING) {
                            worker.kill("it was not ready within " + START_LIMIT.toSeconds() + " s");
                        }
                    }
                });
            } catch (IOException e) {
                IllegalStateException failure = new IllegalStateException("cannot start a worker process ("
                        + String.join(" ", options.command()) + "): " + e.getMessage(), e);
                failQueued(later, () -> failure);
                return;
            }
        }
    }

    private WorkerProcess idleWorker() {
        for (WorkerProcess worker : workers) {
            if (worker.state == WorkerProcess.State.IDLE) {
                return worker;
            }
        }
        return null;
    }

    private void assign(WorkerProcess worker, ProcessTask task) {
        worker.state = WorkerProcess.State.BUSY;
        worker.current = task;
        task.worker = worker;
        task.setNode(worker.name);
        task.markRunning();
        worker.send(task);
        if (task.timeout != null && task.timer == null) {
            task.timer = Timeouts.after(task.timeout, () -> timedOut(task));
        }
    }

    private void timedOut(ProcessTask task) {
        TimeoutException timeout = new TimeoutException(task.what + " did not finish within its timeout of "
                + seconds(task.timeout));
        if (task.completeExceptionally(timeout)) {
            stop(task, "timed out");
        }
    }

    /** Asks the worker running {@code task} to interrupt it, and kills the worker if it is still at it after the grace. */
    private void stop(ProcessTask task, String why) {
        synchronized (lock) {
            WorkerProcess worker = task.worker;
            if (worker == null || worker.current != task) {
                return;
            }
            worker.sendCancel(task.id);
            Timeouts.after(GRACE, () -> {
                synchronized (lock) {
                    if (worker.current == task && worker.state != WorkerProcess.State.DEAD) {
                        worker.kill(task.what + " was " + why + " and did not stop within " + seconds(GRACE));
                    }
                }
            });
        }
    }

    /** Takes every queued call out and fails it (once the lock is released). Holds the lock. */
    private void failQueued(List<Runnable> later, Supplier<RuntimeException> failure) {
        List<ProcessTask> failed = new ArrayList<>(queue);
        queue.clear();
        for (ProcessTask task : failed) {
            RuntimeException error = failure.get();
            later.add(() -> task.completeExceptionally(error));
        }
    }

    private boolean allFinal() {
        for (ProcessTask task : queue) {
            if (!task.isDone()) {
                return false;
            }
        }
        for (WorkerProcess worker : workers) {
            if (worker.current != null && !worker.current.isDone()) {
                return false;
            }
        }
        return true;
    }

    private void checkOpen() {
        if (state != OPEN) {
            throw closedError();
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("the process backend is closed; it accepts no more work");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
