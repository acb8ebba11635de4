package io.jobline.pipeline;

import io.jobline.live.LiveHandle;
import io.jobline.live.LiveRegistry;
import io.jobline.util.Options;
import io.jobline.util.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A live run of a {@link Pipeline}, returned at once by {@link Pipeline#start}.
 *
 * <p><b>Input.</b> A run started with an input reads it on a thread of its own and closes its intake when the input
 * is used up. A run started without one takes items from {@link #put(Object)}, which blocks while the first stage's
 * queue is full, until {@link #close()}.
 *
 * <p><b>Results.</b> {@link #getResults()} is the one iterator over the last stage's outputs; it blocks for the next
 * output and ends when the run is final. Results wait in a bounded buffer, so a reader keeps memory bounded; a
 * run whose results nobody reads stalls when the buffer is full, until {@link #join()} (which lifts the bound and
 * keeps every result for a later reader).
 *
 * <p><b>End.</b> A run ends once: DONE when every input went through (each is an output, a drop or an error),
 * FAILED at the first error under {@code errors: 'fail'} or when reading the input fails, TIMED_OUT when its
 * {@code timeout} passes, CANCELLED by {@link #cancel()}. On any end but DONE, intake stops at once and each worker
 * finishes the item it holds ({@link #cancel()} also interrupts them); results already produced stay readable.
 * "Produced" means handed on by the last stage: its workers hand on a batch's outputs in one go, and while a worker
 * stays inside one item the run's {@link Flusher} hands on what it finished before (1-2 ms after the item began,
 * and at once when the run stops), so what was finished before a worker got stuck on a slow item is among the
 * results.
 *
 * <p>All methods are thread-safe.
 */
public final class Run {

    private static final System.Logger LOG = System.getLogger("io.jobline.pipeline");

    private final int id = (int) LiveRegistry.newId();
    private final Pipeline pipeline;
    private final RunSettings settings;
    private final List<StageRunner> stages = new ArrayList<>();
    private final ItemQueue results;
    private final RunBackends backends;
    private final AtomicReference<RunState> state = new AtomicReference<>(RunState.RUNNING);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final List<StageError> errors = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final long startNanos = System.nanoTime();
    private final boolean hasInput;
    private volatile long endNanos;
    private volatile StageError failure;
    private volatile Thread feeder;
    private volatile ScheduledFuture<?> timer;
    private Flusher flusher;
    private ResultIterator resultsIterator;
    /** Set once a report records this run ({@link #record()}); the stages' lanes live in it. */
    private RunRecord record;
    /** The run's own recording when started with the {@code report:} option ({@link RunReport}). */
    private volatile RunReport report;
    /** This run in {@link LiveRegistry#current()}; ended (and let go of) when the run ends. */
    private volatile LiveHandle live;
    private final RunContext context = new RunContext() {
        @Override
        public String name() {
            return settings.name;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public boolean stopping() {
            return state.get() != RunState.RUNNING;
        }

        @Override
        public void reportError(StageError error) {
            Run.this.reportError(error);
        }

        @Override
        public void fail(StageError error) {
            Run.this.fail(error);
        }
    };

    private Run(Pipeline pipeline, RunSettings settings, boolean hasInput) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.hasInput = hasInput;
        this.results = new ItemQueue(settings.queueSize);
        this.backends = new RunBackends(settings);
    }

    /** Builds the stages back to front (each needs its downstream), then starts workers, flusher, timer and feeder. */
    static Run start(Pipeline pipeline, RunSettings settings, Iterator<?> input, boolean inMemoryInput) {
        Run run = new Run(pipeline, settings, input != null);
        Inlet downstream = new ResultInlet(run.results, run.out, run::finished);
        List<StageSpec> specs = pipeline.getStages();
        StageRunner[] runners = new StageRunner[specs.size()];
        for (int i = specs.size() - 1; i >= 0; i--) {
            StageSpec spec = specs.get(i);
            runners[i] = new StageRunner(spec, run.context, downstream, settings.queueSize, settings.keepOrder,
                    run.backends.forStage(spec), settings.virtualThreads);
            downstream = runners[i].inlet();
        }
        Collections.addAll(run.stages, runners);
        run.backends.check(run.stages);
        try {
            run.flusher = new Flusher(settings.name, run.stages, () -> !run.state.get().isFinal());
            run.live = LiveRegistry.current().register(run.id, new RunLive(run), null);
            run.report = RunReport.start(run.live, settings.report); // the report hook: null without report:
            if (run.state.get().isFinal()) {
                run.live.end(); // a listener cancelled it before the handle was set: stop() found none to end
            }
            run.stages.forEach(StageRunner::start);
            run.flusher.start();
            if (settings.timeout != null) {
                run.timer = Timeouts.after(settings.timeout, () -> run.stop(RunState.TIMED_OUT, false));
            }
            if (input != null) {
                Feeder feeder = new Feeder(run.stages.get(0).inlet(), run.in, () -> run.state.get() == RunState.RUNNING,
                        run::inputFailed);
                run.feeder = feeder.start(settings.name, input, inMemoryInput);
            }
        } catch (RuntimeException | Error e) {
            throw run.startFailed(e);
        }
        return run;
    }

    /**
     * Starting failed part way (a live listener threw an Error, a thread could not be created): stops what started
     * (workers, backends, the live entry), so that no half-started run is left behind, and says so.
     */
    private RuntimeException startFailed(Throwable e) {
        if (live == null && LiveRegistry.current().find(id) instanceof LiveHandle) {
            // Registered, and then a listener threw before the handle came back: it ends with the run.
            live = (LiveHandle) LiveRegistry.current().find(id);
        }
        stop(RunState.FAILED, true);
        if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
        }
        return new IllegalStateException("pipeline '" + settings.name + "' could not start, and what had started was "
                + "stopped: " + e, e);
    }

    /** @return a number unique in this JVM: the id of its {@link io.jobline.live.LiveEntry}, for the shell's {@code :jobs} */
    public int getId() {
        return id;
    }

    public Pipeline getPipeline() {
        return pipeline;
    }

    /** @return the pipeline's name */
    public String getName() {
        return settings.name;
    }

    public RunState getState() {
        return state.get();
    }

    /**
     * Adds one input item, blocking while the first stage's queue is full.
     *
     * @throws IllegalStateException if the run reads its own input, its input is closed, or it has ended
     * @throws InterruptedException  if interrupted while waiting for room
     */
    public void put(Object item) throws InterruptedException {
        if (hasInput) {
            throw new IllegalStateException("this run reads the input it was started with; put() is for runs "
                    + "started without input: pipeline.start()");
        }
        if (state.get() != RunState.RUNNING) {
            throw new IllegalStateException("run " + id + " of pipeline '" + settings.name + "' has ended: " + state.get());
        }
        if (!stages.get(0).inlet().putAll(Collections.singletonList(item))) {
            throw new IllegalStateException("run " + id + " of pipeline '" + settings.name + "' has ended: " + state.get());
        }
        in.increment();
    }

    /** No more input: the run ends once what was put has gone through. No effect on a run that reads its own input. */
    public void close() {
        if (!hasInput) {
            stages.get(0).inlet().close();
        }
    }

    /** Waits until the run has ended; see the class comment about unread results. @return the final state */
    public RunState join() throws InterruptedException {
        results.unbounded();
        ended.await();
        return state.get();
    }

    /** Waits at most {@code timeout}. @return whether the run has ended */
    public boolean join(Duration timeout) throws InterruptedException {
        results.unbounded();
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits at most {@code seconds}. @return whether the run has ended */
    public boolean join(Number seconds) throws InterruptedException {
        return join(Options.duration("timeout", seconds));
    }

    /**
     * @return the iterator over the run's results (always the same one: results are handed out once). It blocks for
     * the next result and ends when the run has ended and every result was read; at the end it throws the run's
     * {@link PipelineException} if the run FAILED or TIMED_OUT.
     */
    public synchronized Iterator<Object> getResults() {
        if (resultsIterator == null) {
            resultsIterator = new ResultIterator(this, results, null, false);
        }
        return resultsIterator;
    }

    /**
     * @return the failed items so far: every one under {@code errors: 'collect'}, the first under 'fail', none under
     * 'ignore' (those are only logged and counted)
     */
    public List<StageError> getErrors() {
        synchronized (errors) {
            return new ArrayList<>(errors);
        }
    }

    /** @return a snapshot of the run's counters */
    public RunStats stats() {
        long end = endNanos;
        long nanos = (end != 0 ? end : System.nanoTime()) - startNanos;
        double seconds = nanos / 1e9;
        List<StageStats> stageStats = new ArrayList<>(stages.size());
        long doing = 0;
        long failed = 0;
        for (StageRunner stage : stages) {
            StageStats s = stage.stats(seconds);
            stageStats.add(s);
            doing += stage.doing();
            failed += s.getErrors();
        }
        return new RunStats(id, settings.name, state.get(), in.sum(), out.sum(), doing, failed,
                Duration.ofNanos(nanos), stageStats);
    }

    /**
     * Sets the worker count of the stage called {@code stage} while the run goes on; growing starts workers at once,
     * shrinking lets surplus workers leave after their current items. Ignored once the run has ended.
     *
     * @throws IllegalArgumentException for an unknown stage, {@code n < 1}, or a dispatcher stage
     */
    public void threads(String stage, int n) {
        for (StageRunner runner : stages) {
            if (runner.name().equals(stage)) {
                runner.resize(Options.intAtLeast("threads", n, 1));
                return;
            }
        }
        List<String> names = new ArrayList<>();
        stages.forEach(s -> names.add(s.name()));
        throw new IllegalArgumentException("no stage '" + stage + "' in pipeline '" + settings.name + "'; stages: "
                + String.join(", ", names));
    }

    /** Like {@link #threads(String, int)}, for the stage at {@code index} (0-based). */
    public void threads(int index, int n) {
        if (index < 0 || index >= stages.size()) {
            throw new IllegalArgumentException("stage index " + index + " is out of range: pipeline '" + settings.name
                    + "' has " + stages.size() + " stages (0.." + (stages.size() - 1) + ")");
        }
        stages.get(index).resize(Options.intAtLeast("threads", n, 1));
    }

    /** Stops the run: intake stops, workers are interrupted. @return false if it had already ended */
    public boolean cancel() {
        return stop(RunState.CANCELLED, true);
    }

    /**
     * Writes an HTML report of this run to {@code file} (a path or file name): summary, stage table, errors and the
     * pipeline's graph; with charts and a worker timeline if the run was recorded (started with {@code report:}, or
     * under {@code jobline run --report}). While the run goes, it shows it so far. Needs jobline-report on the class
     * path (the jobline command has it).
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void report(Object file) {
        RunReport.write(report, live, this, file);
    }

    /** Starts recording the stages' busy intervals, once: the hook {@link RunLive#record()} calls. */
    synchronized RunRecord record() {
        if (record == null) {
            io.jobline.live.Timeline lanes = new io.jobline.live.Timeline();
            stages.forEach(stage -> stage.record(lanes));
            record = new RunRecord(this, lanes);
        }
        return record;
    }

    @Override
    public String toString() {
        return "Run " + id + " of pipeline '" + settings.name + "' (" + state.get() + ")";
    }

    /** Reads results into {@code action} until the end; throws what ended the run, if not DONE. */
    void drain(Consumer<Object> action, List<Object> collected) {
        ResultIterator reader;
        synchronized (this) {
            if (resultsIterator != null) {
                throw new IllegalStateException("results are already being read");
            }
            reader = new ResultIterator(this, results, collected, true);
            resultsIterator = reader;
        }
        try {
            while (reader.hasNext()) {
                action.accept(reader.next());
            }
        } catch (RuntimeException | Error e) {
            cancel();
            throw e;
        } finally {
            reader.release();
        }
    }

    /** @return a fresh iterator for {@link Pipeline#stream}; throws what ended the run, if not DONE */
    synchronized Iterator<Object> streamResults() {
        if (resultsIterator != null) {
            throw new IllegalStateException("results are already being read");
        }
        resultsIterator = new ResultIterator(this, results, null, true);
        return resultsIterator;
    }

    private void inputFailed(Throwable e) {
        fail(new StageError(PipelineException.INPUT, null, e));
    }

    /** Fails the run with {@code error} as what ended it, unless it has ended already (then the error is dropped). */
    private void fail(StageError error) {
        synchronized (errors) {
            if (failure == null && state.get() == RunState.RUNNING) {
                failure = error;
                errors.add(error);
            }
        }
        stop(RunState.FAILED, false);
    }

    private void reportError(StageError error) {
        switch (settings.errors) {
            case FAIL:
                fail(error);
                break;
            case COLLECT:
                errors.add(error);
                break;
            default:
                LOG.log(System.Logger.Level.WARNING, "pipeline '" + settings.name + "': " + error, error.getException());
        }
    }

    private boolean stop(RunState to, boolean interrupt) {
        if (!state.compareAndSet(RunState.RUNNING, to)) {
            return false;
        }
        endNanos = System.nanoTime();
        if (flusher != null) { // null only when starting failed before it was made
            try {
                flusher.flushNow(); // what workers stuck in an item finished is among the results
            } catch (RuntimeException e) {
                // An engine fault here must not keep the run from ending: its reader would wait for ever.
                LOG.log(System.Logger.Level.ERROR, "pipeline '" + settings.name + "': handing on what was finished "
                        + "when the run stopped failed", e);
            }
            flusher.stop();
        }
        // Back to front, with room for whatever is being handed to the reader: a worker that holds its reorderer's
        // lock while it waits for room downstream is let go before that stage's abort needs the lock.
        results.unbounded();
        for (int i = stages.size() - 1; i >= 0; i--) {
            stages.get(i).abort(interrupt);
        }
        Thread input = feeder;
        if (interrupt && input != null) {
            input.interrupt();
        }
        try {
            releaseBackends();
            endLive();
        } finally {
            // Whatever a backend or a live listener threw (an Error even), the reader and join() must see the end.
            results.seal();
            ended.countDown();
        }
        return true;
    }

    /**
     * Stops the timer and lets go of the stages' backends ({@link RunBackends#release}). Never blocks, whichever
     * thread ends the run (the shared timer, on a timeout).
     */
    private void releaseBackends() {
        ScheduledFuture<?> deadline = timer;
        if (deadline != null) {
            deadline.cancel(false);
        }
        backends.release();
    }

    /** The last stage has ended: every input went through; the run is DONE unless it ended otherwise before. */
    private void finished() {
        if (state.compareAndSet(RunState.RUNNING, RunState.DONE)) {
            endNanos = System.nanoTime();
            flusher.stop();
            try {
                releaseBackends();
                endLive();
            } finally {
                results.close();
                ended.countDown();
            }
        }
    }

    /**
     * Leaves the live registry with the final stats, before the results end and join() returns, so that whoever read
     * the last result or joined finds the run's entry ended.
     */
    private void endLive() {
        LiveHandle handle = live;
        if (handle != null) {
            handle.end();
        }
    }

    /** @return what ended the run, for the reader of its results; {@code null} if it is DONE */
    RuntimeException endError(List<Object> collected) {
        switch (state.get()) {
            case FAILED:
                return PipelineException.of(failure, collected, stats());
            case TIMED_OUT:
                return new PipelineTimeoutException("pipeline '" + settings.name + "' timed out after "
                        + seconds(settings.timeout) + " s with " + out.sum() + " results; " + in.sum()
                        + " inputs were taken", collected, stats());
            case CANCELLED:
                return new CancellationException("run " + id + " of pipeline '" + settings.name + "' was cancelled");
            default:
                return null;
        }
    }

    private static String seconds(Duration duration) {
        return String.valueOf(duration.toMillis() / 1000.0);
    }
}
