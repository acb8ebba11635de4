package io.jobline.executor;

import io.jobline.backend.Backend;
import io.jobline.backend.BackendProvider;
import io.jobline.backend.BackendSpec;
import io.jobline.backend.Backends;
import io.jobline.backend.Drainable;
import io.jobline.backend.Work;
import io.jobline.function.Functions;
import io.jobline.function.JobFunction;
import io.jobline.future.JobFuture;
import io.jobline.live.LiveHandle;
import io.jobline.live.LiveRegistry;
import io.jobline.util.Failures;
import io.jobline.util.Items;
import io.jobline.util.Options;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs functions on a {@link Backend} and hands back futures: Python's {@code concurrent.futures.Executor} with the
 * job options and batches of qbfutures, on any backend.
 *
 * <p><b>Job options.</b> Named options given to {@link #create} that are not the backend's (and not
 * {@code backend}) are defaults for every job, like qbfutures' {@code Executor(**defaults)}; the named options of a
 * call ({@code name}, {@code cpus} …) override them for that call. Which job options mean something depends on the
 * backend; the thread backend ignores them.
 *
 * <p><b>Submission.</b> {@link #submit} never blocks and never waits for capacity; the backend queues. The function's
 * exception fails the future with that exception itself, stack trace intact ({@code get()} throws an
 * {@link java.util.concurrent.ExecutionException} whose cause it is).
 *
 * <p><b>map.</b> {@link #map} is lazy and keeps input order with a bounded look-ahead: see {@link MapIterator}.
 *
 * <p><b>Closing.</b> {@link #close()} refuses new work and waits until everything submitted through this executor
 * is final ({@code shutdown(wait=True)}); {@link #close(boolean) close(true)} first cancels what has not started
 * yet. Then it closes the backend if this executor created it. Submitting to a closed executor throws
 * {@link IllegalStateException}. Usable with try-with-resources and Groovy's {@code withCloseable}.
 *
 * <p><b>Live.</b> An executor is listed in {@link LiveRegistry#current()} from its creation until it is closed (kind
 * {@code executor}); cancelling its entry (the shell's {@code :cancel}, Ctrl-C under {@code jobline run}) is
 * {@link #cancel()}.
 *
 * <p>All methods are thread-safe.
 */
public final class JobExecutor implements AutoCloseable {

    private static final String BACKEND = "backend";

    /** The most chunks {@code map} puts in the one job of a finite input on a farm; see {@link #map(Map, Object, Object)}. */
    static final int ONE_JOB_MAX = 1000;
    private final Backend backend;
    /** Set once a report records this executor ({@link #recordCalls()}); null otherwise: then nothing is kept. */
    private volatile CallLog callLog;
    private final boolean ownsBackend;
    private final Map<String, Object> defaults;
    /**
     * The futures to wait for at close; {@code null} when the backend is this executor's own and {@link Drainable}:
     * then the backend waits for its work itself, and submitting costs nothing extra.
     */
    private final LiveFutures live;
    private final LongAdder submitted = new LongAdder();
    private final LiveHandle entry;
    private volatile boolean closed;
    private volatile boolean cancelled;
    private volatile boolean finished;

    /**
     * An executor on {@code backend}, which stays the caller's: {@link #close()} does not close it.
     *
     * @param jobDefaults job options for every job; may be {@code null}
     */
    public JobExecutor(Backend backend, Map<String, ?> jobDefaults) {
        this(backend, jobDefaults, false);
    }

    private JobExecutor(Backend backend, Map<String, ?> jobDefaults, boolean ownsBackend) {
        if (backend == null) {
            throw new IllegalArgumentException("backend: must not be null");
        }
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.defaults = jobDefaults == null || jobDefaults.isEmpty()
                ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(jobDefaults));
        this.live = ownsBackend && backend instanceof Drainable ? null : new LiveFutures();
        this.entry = LiveRegistry.current().register(new ExecutorLive(this), null);
    }

    /**
     * Creates an executor and its backend.
     *
     * @param options {@code backend}: the backend's name (default {@code 'thread'}) or a {@link Backend} instance
     *                (which then stays the caller's); the options the backend's provider understands
     *                ({@link BackendProvider#optionNames()}, e.g. {@code workers}, {@code threads}) configure it;
     *                every other option is a default job option
     * @throws IllegalArgumentException for an unknown backend or an invalid backend option
     */
    public static JobExecutor create(Map<String, ?> options) {
        Map<String, Object> jobDefaults = new LinkedHashMap<>(options == null ? Map.of() : options);
        Object chosen = jobDefaults.remove(BACKEND);
        if (chosen instanceof Backend) {
            return new JobExecutor((Backend) chosen, jobDefaults, false);
        }
        if (chosen != null && !(chosen instanceof CharSequence)) {
            throw new IllegalArgumentException("backend: must be a backend name (" + String.join(", ", Backends.names())
                    + ") or a Backend, got " + Options.show(chosen));
        }
        BackendSpec.Split split = BackendSpec.split(chosen == null ? null : chosen.toString(), jobDefaults);
        return new JobExecutor(split.spec().create(), split.rest(), true);
    }

    /** {@code submit(fn, args…)} without job options. */
    public JobFuture<Object> submit(Object fn, Object... args) {
        return submit(null, fn, args);
    }

    /**
     * Starts the call {@code fn(args…)} with {@code options} as job options (on top of the defaults). Groovy's
     * {@code ex.submit(fn, 1, name: 'x')} calls this form.
     *
     * @return its future, at once
     * @throws IllegalArgumentException if {@code fn} is not callable
     * @throws IllegalStateException    if the executor is closed
     */
    public JobFuture<Object> submit(Map<String, ?> options, Object fn, Object... args) {
        checkOpen();
        return submitWork(Work.of(fn, args, jobOptions(options)));
    }

    /** {@code map(fn, items)} without options. */
    public MapIterator map(Object fn, Object items) {
        return map(null, fn, items);
    }

    /**
     * Calls {@code fn} on every item, lazily, and returns the results in input order.
     *
     * @param options {@code chunk: N} items per task (default 1); {@code lookahead: N} chunks in flight at most
     *                (default twice the backend's {@link Backend#parallelism()}; on a backend whose batch is one job,
     *                {@link Backend#batchIsOneJob()}, a Collection's whole size up to 1,000 chunks, so it is one job);
     *                {@code timeout:} seconds or a
     *                Duration, counted from this call; {@code spread: true} spreads a List or array item into the
     *                function's arguments; every other option is a job option for each task
     * @param items   an Iterable, Iterator, Stream, array or Map; read lazily
     * @return an iterator of the results; see {@link MapIterator} for look-ahead, failure, timeout and closing
     * @throws IllegalArgumentException for an invalid option, items that cannot be iterated, or {@code fn} not callable
     * @throws IllegalStateException    if the executor is closed
     */
    public MapIterator map(Map<String, ?> options, Object fn, Object items) {
        checkOpen();
        int lookahead = 2 * Math.max(1, backend.parallelism());
        if (backend.batchIsOneJob() && items instanceof Collection) {
            // A finite input on a farm goes whole, as ONE job (its chunks are at most its size), not a job per chunk;
            // up to ONE_JOB_MAX chunks, since Slurm refuses larger arrays by default (MaxArraySize=1001).
            lookahead = Math.max(lookahead, Math.min(ONE_JOB_MAX, ((Collection<?>) items).size()));
        }
        MapSettings settings = new MapSettings(options, lookahead);
        Functions.of(fn);
        return new MapIterator(this, fn, Items.iterator(items, "map items"), settings, jobOptions(settings.jobOptions));
    }

    /** {@code mapAsync(fn, items)} without options. */
    public JobFuture<List<Object>> mapAsync(Object fn, Object items) {
        return mapAsync(null, fn, items);
    }

    /**
     * The non-blocking form of {@link #map} (map's {@code callback}): returns at once, while the results are gathered
     * on a background thread into one list, in input order.
     *
     * @param options as for {@link #map}, plus {@code onDone:} a function called with the future once it is final
     *                (on the background thread), like {@link JobFuture#onDone}
     * @return a future of all results; it fails with the first failing item's exception (or the timeout, or the
     *         input's failure), and cancelling it cancels the chunks in flight
     * @throws IllegalArgumentException for an invalid option, items that cannot be iterated, or a function not callable
     * @throws IllegalStateException    if the executor is closed
     */
    public JobFuture<List<Object>> mapAsync(Map<String, ?> options, Object fn, Object items) {
        Map<String, Object> mapOptions = new LinkedHashMap<>(options == null ? Map.of() : options);
        Object onDone = mapOptions.remove("onDone");
        JobFunction callback = onDone == null ? null : Functions.of(onDone);
        JobFuture<List<Object>> future = MapInBackground.gather(map(mapOptions, fn, items));
        if (callback != null) {
            future.onDone(done -> {
                try {
                    callback.callOne(done);
                } catch (Exception e) {
                    throw Failures.unchecked(e);
                }
            });
        }
        return future;
    }

    /** {@code batch([:])}. */
    public Batch batch() {
        return batch((Map<String, ?>) null);
    }

    /**
     * Opens a batch; see {@link Batch}. Nothing is submitted until {@link Batch#commit()}.
     *
     * @param options the batch's job options ({@code name}, {@code cpus} …), on top of the executor's defaults
     * @throws IllegalStateException if the executor is closed
     */
    public Batch batch(Map<String, ?> options) {
        checkOpen();
        return new Batch(this, jobOptions(options));
    }

    /** {@code batch([:], body)}. */
    public Batch batch(Consumer<Batch> body) {
        return batch(null, body);
    }

    /**
     * Opens a batch, runs {@code body} with it, and commits it when the body returns normally. When the body throws,
     * nothing is submitted, the batch's futures are cancelled and the exception propagates.
     *
     * @return the committed batch
     */
    public Batch batch(Map<String, ?> options, Consumer<Batch> body) {
        Batch batch = batch(options);
        try {
            body.accept(batch);
        } catch (Throwable e) {
            // Throwable: a Groovy body may throw a checked exception its Consumer type does not declare.
            batch.abandon();
            throw e;
        }
        batch.commit();
        return batch;
    }

    /** Same as {@link #close(boolean) close(false)}: waits for all submitted work. */
    @Override
    public void close() {
        close(false);
    }

    /** Groovy's {@code ex.close(cancelPending: true)}. */
    public void close(Map<String, ?> options) {
        Options.requireKnown(options, Set.of("cancelPending"), "close option");
        close(Options.bool("cancelPending", options == null ? null : options.get("cancelPending"), false));
    }

    /**
     * Refuses new work, then waits until all work submitted through this executor is final, then closes the backend
     * if this executor created it. Idempotent.
     *
     * <p>If the waiting thread is interrupted, the remaining work is cancelled (running work interrupted), the
     * backend is closed as usual, and the thread's interrupt status is set again.
     *
     * <p>A task may close its own executor when the executor created a thread backend (it then waits for the other
     * work only); on a backend it was given, that would wait for the task itself, forever.
     *
     * @param cancelPending cancel the work that has not started yet first; running work still finishes
     */
    public void close(boolean cancelPending) {
        closed = true;
        try {
            if (live == null) {
                ((Drainable) backend).drain(cancelPending);
            } else {
                if (cancelPending) {
                    live.cancelPending();
                }
                live.awaitAll();
            }
        } catch (InterruptedException e) {
            if (live != null) {
                live.cancelAll();
            }
            Thread.currentThread().interrupt();
        } finally {
            // For a backend of our own, close() also cancels whatever an interrupt left unfinished.
            if (ownsBackend) {
                backend.close();
            }
            finished = true;
            entry.end();
        }
    }

    /**
     * Stops at once: refuses new work, cancels every call not final yet (interrupting running ones), and closes the
     * backend if this executor created it. Does not wait for running calls to return. A {@link #close()} waiting
     * meanwhile returns once the cancelled calls are final.
     *
     * @return false if the executor was closed or cancelled already
     */
    public synchronized boolean cancel() {
        if (finished || cancelled) {
            return false;
        }
        cancelled = true;
        closed = true;
        try {
            if (live != null) {
                live.cancelAll();
            }
        } finally {
            if (ownsBackend) {
                backend.close(); // cancels what has not started, interrupts what runs
            }
            finished = true;
            entry.end();
        }
        return true;
    }

    /** @return whether it is closed and everything it waited for is final */
    boolean isFinished() {
        return finished;
    }

    /** @return whether {@link #cancel()} stopped it */
    boolean isCancelled() {
        return cancelled;
    }

    /** @return calls submitted so far (each item of a batch counts) */
    long submitted() {
        return submitted.sum();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return the backend the work runs on */
    public Backend getBackend() {
        return backend;
    }

    /** @return the default job options (unmodifiable) */
    public Map<String, Object> getDefaults() {
        return defaults;
    }

    @Override
    public String toString() {
        return "JobExecutor[" + backend.name() + (defaults.isEmpty() ? "" : ", " + defaults)
                + (closed ? ", closed" : "") + "]";
    }

    /** Submits one work item and keeps its future until it is final, for {@link #close()}. */
    JobFuture<Object> submitWork(Work work) {
        checkOpen();
        JobFuture<Object> future;
        try {
            future = backend.submit(work);
            submitted.increment();
        } catch (IllegalStateException e) {
            throw closed ? closedError() : e;
        }
        return track(future);
    }

    /** @return whether the backend makes a batch one job ({@link Backend#batchIsOneJob()}) */
    boolean batchIsOneJob() {
        return backend.batchIsOneJob();
    }

    /** Submits a batch's items as one unit; see {@link #submitWork}. */
    List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> batchOptions) {
        checkOpen();
        List<JobFuture<Object>> futures;
        try {
            futures = backend.submitBatch(works, batchOptions);
            submitted.add(futures.size());
        } catch (IllegalStateException e) {
            throw closed ? closedError() : e;
        }
        for (JobFuture<Object> future : futures) {
            track(future);
        }
        return futures;
    }

    /**
     * From now on keeps this executor's calls for a report (the first {@link CallLog#MAX}); idempotent.
     *
     * @return the record whose work items are the calls
     */
    synchronized CallLog recordCalls() {
        if (callLog == null) {
            callLog = new CallLog();
        }
        return callLog;
    }

    private JobFuture<Object> track(JobFuture<Object> future) {
        CallLog log = callLog;
        if (log != null) {
            log.add(future);
        }
        if (live == null) {
            return future;
        }
        live.add(future);
        // Pairs with close(), which sets closed and then reads the live futures: if close() may have missed this
        // one, it counts as submitted after the close and is taken back.
        if (closed) {
            future.cancel(true);
            throw closedError();
        }
        return future;
    }

    private Map<String, Object> jobOptions(Map<String, ?> options) {
        if (options == null || options.isEmpty()) {
            return defaults;
        }
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        merged.putAll(options);
        return merged;
    }

    private void checkOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("the executor is closed; it accepts no more work");
    }
}
