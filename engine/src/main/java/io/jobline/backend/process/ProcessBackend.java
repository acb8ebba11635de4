package io.jobline.backend.process;

import io.jobline.backend.Backend;
import io.jobline.backend.Drainable;
import io.jobline.backend.Lifecycle;
import io.jobline.backend.Work;
import io.jobline.backend.WorkOrigin;
import io.jobline.future.JobFuture;
import io.jobline.remote.JobTable;
import io.jobline.shipping.Packet;
import io.jobline.shipping.Shipping;
import io.jobline.util.Options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code process} backend: runs work in a pool of warm worker JVMs on this machine, at most {@code workers} of
 * them, each running one call at a time. Functions (closures and classes compiled at run time included, see
 * {@link io.jobline.shipping.Shipping}) are serialized once per backend and sent once per worker; a call carries
 * only its arguments. Workers talk to the caller over their stdin and stdout; what they print is forwarded line by
 * line, prefixed {@code [worker N] }, to this JVM's {@code System.out} and {@code System.err}, through a bounded
 * buffer printed on its own thread ({@link WorkerOutput}): a stalled terminal never holds up results (lines beyond
 * the buffer are dropped, and counted in one line on {@code System.err}).
 *
 * <p><b>Submission and order.</b> {@link #submit} and {@link #submitBatch} never wait for a worker: they serialize
 * the arguments on the calling thread (so a value that cannot cross fails the submission with a
 * {@link io.jobline.shipping.NotShippableException} naming it), put the call in one FIFO queue, and return. Calls
 * start in submission order as workers free up and may finish in any order. Workers are started lazily, while
 * calls wait and there are fewer than {@code workers}, and live until the backend is closed or they die.
 *
 * <p><b>Batches.</b> The calls of a {@link #submitBatch} may be sent ahead to a busy worker that runs only batch
 * calls (at most {@link #PIPELINED} at once), where they wait behind the one it runs: the worker then never waits
 * for its next call. So may the calls of one {@link io.jobline.backend.Work#family() family} (the chunks of one
 * {@code map}), behind calls of that family only. A single {@link #submit} of no family waits for an idle worker, so
 * it never waits behind another call.
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
 * <p><b>Dead workers.</b> A call runs at most once unless {@code retries} says otherwise. When a worker ends while
 * running a call (killed, crashed, {@code System.exit}, out of memory), the call is sent again to another worker if
 * it has {@code retries} left (its future is PENDING again until then), else its future fails with a
 * {@link WorkerDiedException} (which worker, how it ended, its last stderr lines). A call the dead worker had not
 * begun (it had just been sent to a worker that was dying, or waited there behind another call of a batch) is sent
 * again with no {@code retries} needed: workers say when a call begins (see {@link Dispatcher}). The worker is
 * replaced when work is waiting. A worker that dies before it is ready (bad {@code jvmArgs}, say) when no other worker is, fails the
 * waiting calls the same way instead of being restarted again and again. A worker is killed with its descendants (a
 * tool a call started would hold its stdout); one killed from outside whose stdout a tool still holds is taken for
 * dead 5 s after its exit. A worker whose caller-side reader breaks (an Error
 * reading a result) is killed and replaced; a result that cannot be read here fails its call.
 *
 * <p><b>Cancellation and timeouts.</b> Cancelling a PENDING future means its call is never sent; it costs O(1), so
 * cancelling a batch of n waiting calls costs O(n). {@code cancel(true)}
 * on a RUNNING one interrupts the call in the worker; if the call has not ended a second later,
 * the worker is killed and replaced. {@code cancel(false)} lets the call finish, ignoring its result. The job option
 * {@code timeout} (seconds, or a {@link Duration}), counted from when the call is first sent, fails the future with
 * a {@link TimeoutException} naming the limit and stops the call the same way.
 *
 * <p><b>Ending.</b> {@link #drain(boolean)} ends gracefully: no new work, queued work still runs (or is cancelled),
 * and it returns when every future is final. {@link #close()} ends at once: no new work, every future not final is
 * cancelled, the processes the workers started are killed, the workers' stdin is closed (they exit) and workers
 * still alive a moment later are killed; it returns
 * when every worker process has ended. One JVM shutdown hook kills the workers of every backend still open, so an
 * exit of this JVM leaves no worker behind; a worker whose caller is killed outright exits when its stdin closes.
 * Either way a submission refused throws {@link IllegalStateException}. All methods are thread-safe.
 */
public final class ProcessBackend implements Backend, Drainable {

    private static final int FUNCTIONS_CACHED = 256;
    /** The most calls of batches sent to one worker ahead of their turn. */
    static final int PIPELINED = Dispatcher.PIPELINED;

    private final ProcessOptions options;
    private final FunctionCache functions = new FunctionCache(FUNCTIONS_CACHED);
    private final AtomicLong taskIds = new AtomicLong();
    /** The futures not final yet, the job ids and the lifecycle. */
    private final JobTable<ProcessTask> table = new JobTable<>(ProcessBackendProvider.NAME, null);
    private final Dispatcher dispatcher;

    private ProcessBackend(ProcessOptions options) {
        this.options = options;
        this.dispatcher = new Dispatcher(options, table);
    }

    /**
     * @param options {@code workers} (whole number &gt;= 1, default: the number of processors), {@code jvmArgs}
     *                (a list, or a whitespace-separated string), {@code env} (a map), {@code cloneEnv} (default
     *                true: workers inherit this JVM's environment, plus {@code env}; false: only {@code env}),
     *                {@code classpath} (extra entries after this JVM's class path: a list, or a path string),
     *                {@code retries} (default 0: how often a call whose worker died while running it is sent again)
     *                and {@code java} (the java executable; default: this JVM's)
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
        table.lifecycle().checkOpen();
        String jobId = table.newJobId();
        ProcessTask task = task(work, jobId, null);
        table.submit(jobId, task);
        dispatcher.enqueue(List.of(task));
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
        table.lifecycle().checkOpen();
        String jobId = table.newJobId();
        List<ProcessTask> tasks = new ArrayList<>(works.size());
        for (Work work : works) {
            tasks.add(task(work, jobId, Integer.toString(tasks.size())));
        }
        table.submitBatch(jobId, tasks);
        dispatcher.enqueue(tasks);
        return new ArrayList<>(tasks);
    }

    /** @return worker name to the origin of the work it runs; a snapshot */
    @Override
    public Map<String, WorkOrigin> busyWorkers() {
        return dispatcher.busyWorkers();
    }

    /**
     * Ends gracefully: refuses new work, cancels the queued work if {@code cancelPending} (else lets it run), and
     * waits until every future this backend returned is final. The workers stay up until {@link #close()}.
     * Futures are completed on the workers' reader threads, so do not call this from a completion callback.
     */
    @Override
    public void drain(boolean cancelPending) throws InterruptedException {
        table.drain(cancelPending);
    }

    /** Ends at once; idempotent; see the class comment. Returns when every worker process has ended. */
    @Override
    public void close() {
        if (table.close() == Lifecycle.State.CLOSED) {
            return;
        }
        List<WorkerProcess> stopping = dispatcher.closeWorkers();
        // Every future not final: queued, running, or registered by a submission racing with this close.
        // cancel(false): the workers are being stopped anyway, no cancel frames needed.
        table.snapshot().forEach(task -> task.cancel(false));
        boolean interrupted = false;
        long deadline = System.nanoTime() + Dispatcher.GRACE.toNanos();
        for (WorkerProcess worker : stopping) {
            try {
                if (!worker.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    worker.destroy();
                    worker.process.waitFor();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                worker.destroy();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProcessBackend[workers=" + options.workers + table.lifecycle().describe() + "]";
    }

    /** @return the pids of the worker processes starting or alive now (for tests) */
    List<Long> workerPids() {
        return dispatcher.workerPids();
    }

    /** A future was cancelled (called by ProcessTask's canceller). */
    void cancelled(ProcessTask task, boolean mayInterrupt) {
        dispatcher.cancelled(task, mayInterrupt);
    }

    /** Packs a work (in the calling thread) into a task with those ids; {@code workId} is null outside batches. */
    private ProcessTask task(Work work, String jobId, String workId) {
        long id = taskIds.incrementAndGet();
        String name = work.getName();
        String what = name != null ? "work '" + name + "'" : "task " + jobId + (workId != null ? ":" + workId : "");
        FunctionCache.Shipped function = functions.pack(work.getTarget(), what);
        Packet args = Shipping.packArguments(work.getArgs(), what);
        Duration timeout = Options.duration("timeout", work.getOptions().get("timeout"));
        ProcessTask task = new ProcessTask(this, id, name, what, function, args, timeout, work.family());
        task.origin = work.getOrigin();
        return task;
    }
}
