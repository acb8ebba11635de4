package io.jobline.pipeline;

import io.jobline.backend.Backend;
import io.jobline.backend.BackendScope;
import io.jobline.backend.BackendSpec;
import io.jobline.backend.Backends;
import io.jobline.live.LiveHandle;
import io.jobline.live.LiveRegistry;
import io.jobline.util.Options;
import io.jobline.util.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
 * "Produced" means handed on by the last stage, whose workers hand on each item's outputs before starting the next
 * item, so what was finished before a worker got stuck on a slow item is among the results.
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
    private final Map<BackendSpec, Backend> backends = new LinkedHashMap<>();
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
    private Results resultsIterator;
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
    };

    private Run(Pipeline pipeline, RunSettings settings, boolean hasInput) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.hasInput = hasInput;
        this.results = new ItemQueue(settings.queueSize);
    }

    /** Builds the stages back to front (each needs its downstream), then starts workers, timer and feeder. */
    static Run start(Pipeline pipeline, RunSettings settings, Iterator<?> input, boolean inMemoryInput) {
        Run run = new Run(pipeline, settings, input != null);
        Inlet downstream = run.new ResultInlet();
        List<StageSpec> specs = pipeline.getStages();
        StageRunner[] runners = new StageRunner[specs.size()];
        for (int i = specs.size() - 1; i >= 0; i--) {
            StageSpec spec = specs.get(i);
            runners[i] = new StageRunner(spec, run.context, downstream, i == specs.size() - 1, settings.queueSize,
                    settings.keepOrder, run.backendFor(spec), settings.virtualThreads);
            downstream = runners[i].inlet();
        }
        run.checkStages(runners);
        Collections.addAll(run.stages, runners);
        run.live = LiveRegistry.current().register(run.id, new RunLive(run), null);
        run.report = RunReport.start(run.live, settings.report); // the report hook: null without report:
        if (run.state.get().isFinal()) {
            run.live.end(); // a listener cancelled it before the handle was set: stop() found none to end
        }
        run.stages.forEach(StageRunner::start);
        if (settings.timeout != null) {
            run.timer = Timeouts.after(settings.timeout, () -> run.stop(RunState.TIMED_OUT, false));
        }
        if (input != null) {
            Thread thread = new Thread(() -> run.feed(input, inMemoryInput), "jobline-" + settings.name + "-input");
            thread.setDaemon(true);
            run.feeder = thread;
            thread.start();
        }
        return run;
    }

    private Backend backendFor(StageSpec spec) {
        String name = spec.getBackend() != null ? spec.getBackend() : settings.backend;
        if (name == null || Backends.DEFAULT.equals(name)) {
            return null;
        }
        // The pipeline's options for that backend, overridden by the stage's own. Stages asking for the same backend
        // and options share one, and so do consecutive runs: its workers stay warm between them.
        Map<String, Object> options =
                new LinkedHashMap<>(BackendSpec.split(name, settings.backendOptions).spec().options());
        if (name.equals(spec.getBackend())) {
            options.putAll(spec.getBackendOptions());
        }
        BackendSpec backendSpec = BackendSpec.of(name, options);
        return backends.computeIfAbsent(backendSpec, s -> BackendScope.shared().acquire(s));
    }

    /**
     * Lets each stage's backend check the stage's function before anything starts (a function that cannot be
     * shipped to a worker process is reported once, naming the stage, instead of failing every item).
     *
     * @throws IllegalArgumentException the first backend's objection; the run's backends are closed
     */
    private void checkStages(StageRunner[] runners) {
        try {
            for (StageRunner runner : runners) {
                runner.checkFunction();
            }
        } catch (RuntimeException e) {
            backends.values().forEach(Backend::close);
            throw e;
        }
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
            resultsIterator = new Results(null, false);
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
        Results reader;
        synchronized (this) {
            if (resultsIterator != null) {
                throw new IllegalStateException("results are already being read");
            }
            reader = new Results(collected, true);
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
            reader.collected = null;
        }
    }

    /** @return a fresh iterator for {@link Pipeline#stream}; throws what ended the run, if not DONE */
    synchronized Iterator<Object> streamResults() {
        if (resultsIterator != null) {
            throw new IllegalStateException("results are already being read");
        }
        resultsIterator = new Results(null, true);
        return resultsIterator;
    }

    private void feed(Iterator<?> input, boolean inMemory) {
        Inlet first = stages.get(0).inlet();
        int chunkSize = inMemory ? StageRunner.MAX_BATCH : 1;
        List<Object> chunk = new ArrayList<>(chunkSize);
        try {
            while (state.get() == RunState.RUNNING && input.hasNext()) {
                chunk.add(input.next());
                if (chunk.size() >= chunkSize) {
                    if (!first.putAll(chunk)) {
                        return;
                    }
                    in.add(chunk.size());
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty() && first.putAll(chunk)) {
                in.add(chunk.size());
            }
            first.close();
        } catch (InterruptedException e) {
            // Cancelled while waiting for room: nothing more to feed.
        } catch (Throwable e) {
            // Throwable, not Exception: Groovy iterators throw checked exceptions undeclared.
            failure = new StageError(PipelineException.INPUT, null, e);
            errors.add(failure);
            stop(RunState.FAILED, false);
        }
    }

    private void reportError(StageError error) {
        switch (settings.errors) {
            case FAIL:
                synchronized (errors) {
                    if (failure == null && state.get() == RunState.RUNNING) {
                        failure = error;
                        errors.add(error);
                    }
                }
                stop(RunState.FAILED, false);
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
        for (StageRunner stage : stages) {
            stage.abort(interrupt);
        }
        Thread input = feeder;
        if (interrupt && input != null) {
            input.interrupt();
        }
        releaseBackends();
        endLive();
        results.seal();
        ended.countDown();
        return true;
    }

    /**
     * Stops the timer and lets go of the stages' backends: the run's calls still going are cancelled, and the shared
     * backends linger for the next run ({@link BackendScope}). Never blocks, whichever thread ends the run (the
     * shared timer, on a timeout).
     */
    private void releaseBackends() {
        ScheduledFuture<?> deadline = timer;
        if (deadline != null) {
            deadline.cancel(false);
        }
        backends.values().forEach(Backend::close);
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

    private RuntimeException endError(List<Object> collected) {
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

    /** The last stage's downstream: counts results and turns the end of the last stage into the end of the run. */
    private final class ResultInlet implements Inlet {
        @Override
        public boolean putAll(List<Object> items) throws InterruptedException {
            if (!results.putAll(items)) {
                return false;
            }
            out.add(items.size());
            return true;
        }

        @Override
        public void close() {
            if (state.compareAndSet(RunState.RUNNING, RunState.DONE)) {
                endNanos = System.nanoTime();
                releaseBackends();
                endLive();
                results.close();
                ended.countDown();
            }
        }

        @Override
        public void abort() {
            results.seal();
        }

        @Override
        public boolean hungry() {
            return results.hungry();
        }

        @Override
        public int size() {
            return results.size();
        }

        @Override
        public int capacity() {
            return results.capacity();
        }
    }

    /** Hands out results in batches; at the end, throws what ended the run unless it is DONE (or CANCELLED, for the plain iterator). */
    private final class Results implements Iterator<Object> {
        // Let go of once reading ends: the registry remembers finished runs, and must not keep their outputs.
        private List<Object> collected;
        private final boolean cancelIsError;
        private final List<Object> buffer = new ArrayList<>();
        private int position;
        private boolean finished;

        /**
         * @param collected     where the caller keeps results, for the exception; {@code null} if it keeps none
         * @param cancelIsError whether a cancelled run ends with a CancellationException rather than quietly
         */
        Results(List<Object> collected, boolean cancelIsError) {
            this.collected = collected;
            this.cancelIsError = cancelIsError;
        }

        @Override
        public boolean hasNext() {
            if (position < buffer.size()) {
                return true;
            }
            if (finished) {
                return false;
            }
            buffer.clear();
            position = 0;
            long first;
            try {
                first = results.take(buffer, Integer.MAX_VALUE, 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new CancellationException("interrupted while waiting for results of pipeline '"
                        + settings.name + "'");
            }
            if (first != ItemQueue.EOF) {
                return true;
            }
            finished = true;
            List<Object> kept = collected;
            collected = null;
            RuntimeException error = endError(kept == null ? Collections.emptyList() : kept);
            if (error != null && (cancelIsError || !(error instanceof CancellationException))) {
                throw error;
            }
            return false;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.get(position++);
        }
    }
}
