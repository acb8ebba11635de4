package io.jobline.dsl

import groovy.transform.CompileStatic
import io.jobline.backend.BackendScope
import io.jobline.executor.JobExecutor
import io.jobline.farm.Farm
import io.jobline.function.Drop
import io.jobline.future.DoneAndNotDone
import io.jobline.future.Futures
import io.jobline.future.WaitMode
import io.jobline.maya.Maya
import io.jobline.pipeline.Pipeline
import io.jobline.pipeline.PipelineBuilder
import io.jobline.pool.Boxes
import io.jobline.pool.WorkerPool
import io.jobline.util.Options

import java.util.concurrent.BlockingQueue
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Future

/**
 * The Jobline DSL as static methods, for any Groovy code: {@code import static io.jobline.dsl.Jobline.*} gives a
 * Gradle script, a class or a plain GroovyShell the same words job scripts have ({@link JoblineScript} forwards to
 * these). Every method is thread-safe; what blocks and how failures surface is said per method.
 */
@CompileStatic
final class Jobline {

    /** Returned by a stage function to forward nothing for this item (see {@link Drop}). */
    static final Drop DROP = Drop.DROP
    /** {@link #wait}: return when any future is done. */
    static final WaitMode FIRST_COMPLETED = WaitMode.FIRST_COMPLETED
    /** {@link #wait}: return when any future fails, or when all are done. */
    static final WaitMode FIRST_EXCEPTION = WaitMode.FIRST_EXCEPTION
    /** {@link #wait}: return when every future is done. */
    static final WaitMode ALL_COMPLETED = WaitMode.ALL_COMPLETED

    private static final List<String> AS_COMPLETED_OPTIONS = ['timeout'].asImmutable()

    private Jobline() {
    }

    // ---- pipelines (SPEC §1) ----

    /**
     * Declares a pipeline: {@code body} runs at once, with a {@link PipelineSpec} as its delegate, and adds stages.
     * Nothing runs until the pipeline's {@code run}, {@code each}, {@code stream} or {@code start}.
     *
     * @throws IllegalArgumentException for a bad stage or option (naming the stage), or when no stage was declared
     * @throws MissingMethodException listing the valid words, for a misspelt word in {@code body}
     */
    static Pipeline pipeline(@DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        pipeline([:], null, body)
    }

    /** {@code pipeline('name') { … }} */
    static Pipeline pipeline(String name,
                             @DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        pipeline([:], name, body)
    }

    /** {@code pipeline(keepOrder: true, queueSize: 1024, errors: 'fail', timeout: 60) { … }} */
    static Pipeline pipeline(Map<String, ?> options,
                             @DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        pipeline(options, null, body)
    }

    /**
     * {@code pipeline('name', keepOrder: true) { … }}. The block's owner (the script) is asked first, so script
     * variables are never shadowed by the spec.
     */
    static Pipeline pipeline(Map<String, ?> options, String name,
                             @DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        PipelineBuilder builder = Pipeline.builder()
        Map<String, Object> all = new LinkedHashMap<>()
        if (options) {
            all.putAll(options)
        }
        if (name != null) {
            all.name = name
        }
        if (all) {
            builder.options(all)
        }
        PipelineSpec spec = new PipelineSpec(builder)
        Closure block = (Closure) body.clone()
        block.delegate = spec
        block.resolveStrategy = Closure.OWNER_FIRST
        DslErrors.explain('pipeline { }', PipelineSpec.WORDS, block, spec)
        builder.build()
    }

    // ---- executors and futures (SPEC §2) ----

    /**
     * Creates an executor: {@code executor(backend: 'thread', workers: 8)}; other named options are defaults for
     * every job. Close it when done ({@code ex.close()} or {@code ex.withCloseable { }}).
     */
    static JobExecutor executor(Map<String, ?> options = [:]) {
        JobExecutor.create(options ?: [:])
    }

    /**
     * Yields the futures as they become final: those final already first, then each as it completes. Iterating
     * blocks until the next one is final (see {@link Futures#asCompleted(Collection)}).
     */
    static <F extends CompletableFuture<?>> Iterable<F> asCompleted(Collection<F> futures) {
        Futures.asCompleted(futures)
    }

    /**
     * {@code asCompleted(futures, timeout: 60)}: when the next future is not final that many seconds (or that
     * Duration) after this call, the iteration throws a CompletionException caused by a TimeoutException.
     */
    static <F extends CompletableFuture<?>> Iterable<F> asCompleted(Map<String, ?> options, Collection<F> futures) {
        Options.requireKnown(options, AS_COMPLETED_OPTIONS, 'asCompleted option')
        Futures.asCompleted(futures, options?.timeout)
    }

    /** {@code asCompleted(futures, 60)}: as above. */
    static <F extends CompletableFuture<?>> Iterable<F> asCompleted(Collection<F> futures, Object timeout) {
        Futures.asCompleted(futures, timeout)
    }

    /**
     * Blocks until {@code mode} is satisfied or {@code timeout} passes (seconds or a Duration; {@code null}: no
     * limit; {@code 0}: just look). A timeout is not an error, and the futures' own exceptions are not thrown.
     *
     * @return the futures final at return ({@code done}) and the others ({@code notDone})
     */
    static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<F> futures, WaitMode mode = ALL_COMPLETED,
                                                        Object timeout = null) {
        Futures.wait(futures, mode, timeout)
    }

    /** Blocks until every future is final, or {@code timeout} passes: {@code wait(futures, ALL_COMPLETED, timeout)}. */
    static <F extends Future<?>> DoneAndNotDone<F> waitAll(Collection<F> futures, Object timeout = null) {
        Futures.waitAll(futures, timeout)
    }

    /** Blocks until any future is final, or {@code timeout} passes: {@code wait(futures, FIRST_COMPLETED, timeout)}. */
    static <F extends Future<?>> DoneAndNotDone<F> waitAny(Collection<F> futures, Object timeout = null) {
        Futures.waitAny(futures, timeout)
    }

    /**
     * Yields the futures of {@code inFlight} as they finish, removing them from the list in place (inparallel's
     * waitfor); ends when the list is empty. Blocks on completion, never polls.
     */
    static <F extends Future<?>> Iterable<F> waitFor(List<F> inFlight) {
        Futures.waitFor(inFlight)
    }

    /**
     * {@code waitFor(inFlight, concurrency: 3)}: also yields {@code null} while fewer than 3 are in flight, to ask
     * for more work; the {@code null} for an empty list is the last one unless the caller adds work in answer.
     */
    static <F extends Future<?>> Iterable<F> waitFor(Map<String, ?> options, List<F> inFlight) {
        Futures.waitFor(options, inFlight)
    }

    /**
     * Closes the executors that {@code @Task} methods run on, and the backends finished pipeline runs left warm for
     * the next run; later calls and runs create new ones.
     */
    static void shutdown() {
        Tasks.shutdown()
        BackendScope.shared().closeIdle()
    }

    // ---- farms (SPEC §4-5) ----

    /**
     * {@code slurm(partition: 'render')}: a Slurm farm; its options (partition, account, time, mem, cpus, extra,
     * workDir, java, maxParallel, pollInterval, retries) are defaults for its jobs. {@code farm.job(frames: 1..100,
     * chunk: 10) { start, end -> "command" }} submits a command job (see docs/farms.md).
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming it
     */
    static Farm slurm(Map<String, ?> options = [:]) {
        Farm.create('slurm', options ?: [:])
    }

    /**
     * {@code qube(cluster: '/show/shot', groups: 'farm')}: a PipelineFX Qube farm; its options (cluster, groups,
     * priority, cpus, reservations, requirements, retrywork, extra, workDir, java, maxParallel, pollInterval,
     * retries, commandEnv) are defaults for its jobs. {@code farm.job(frames: 1..100, chunk: 10) { start, end ->
     * "command" }} submits a cmdrange job (see docs/qube.md). As an executor: {@code executor(backend: 'qube', …)}.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming it
     */
    static Farm qube(Map<String, ?> options = [:]) {
        Farm.create('qube', options ?: [:])
    }

    /**
     * {@code maya(farm: slurm(...), scene: 'shot.ma', workspace: '/proj', version: 2025, cloneEnv: true,
     * tempCopy: true)}: Maya on a farm, or on this machine with {@code farm: 'process'} (the default);
     * {@code m.render(frames: 1..100, chunk: 10)} and {@code m.python(nodes) { node -> "cmds.nodeType('$node')" }}
     * submit jobs (see docs/maya.md). Close it when done.
     *
     * @throws IllegalArgumentException for a missing scene, an unknown option, a Maya that is not installed …,
     *                                  naming the option, the value and what is valid
     */
    static Maya maya(Map<String, ?> options) {
        Maya.create(options ?: [:])
    }

    // ---- worker pools (SPEC §3) ----

    /**
     * Runs {@code body} with a new pool of {@code workers} workers, then ALWAYS exiles it (waiting for the inbox to
     * drain), also when {@code body} throws; {@code body}'s exception wins over one from exile.
     *
     * @return the exiled pool, whose outbox and errbox hold the results
     */
    static WorkerPool pool(int workers, Closure body) {
        pool([:], workers, body)
    }

    /** {@code pool(2, max: 16) { p -> … }}: options are WorkerPool's (min, max, inbox, outbox, errbox, workerSetup …). */
    static WorkerPool pool(Map<String, ?> options, int workers, Closure body) {
        exileAfter(WorkerPool.create(workers, options ?: [:]), body)
    }

    /** {@code pool(4, [max: 8]) { p -> … }} */
    static WorkerPool pool(int workers, Map<String, ?> options, Closure body) {
        pool(options, workers, body)
    }

    /** {@code pool(workers: 4, max: 8) { p -> … }} */
    static WorkerPool pool(Map<String, ?> options, Closure body) {
        exileAfter(create(options), body)
    }

    /** {@code pool(workers: 4, max: 8)}: a pool the caller exiles. */
    static WorkerPool pool(Map<String, ?> options) {
        create(options)
    }

    /** {@code pool(4)}: a pool the caller exiles. */
    static WorkerPool pool(int workers) {
        WorkerPool.create(workers, [:])
    }

    /** @return what is in {@code queue} now, removed from it, in queue order (workers' iterqueue); never blocks */
    static List<Object> drain(BlockingQueue<?> queue) {
        (List<Object>) Boxes.drain(queue)
    }

    private static WorkerPool create(Map<String, ?> options) {
        if (options?.workers == null) {
            throw new IllegalArgumentException('pool: say how many workers, e.g. pool(4) { p -> … } or pool(workers: 4)')
        }
        Map<String, Object> rest = new LinkedHashMap<>()
        if (options) {
            rest.putAll(options)
        }
        int workers = Options.intAtLeast('workers', rest.remove('workers'), 0)
        WorkerPool.create(workers, rest)
    }

    private static WorkerPool exileAfter(WorkerPool pool, Closure body) {
        Throwable failure = null
        try {
            Closure block = (Closure) body.clone()
            block.delegate = pool
            block.call(pool)
        } catch (Throwable e) {
            failure = e
            throw e
        } finally {
            try {
                pool.exile()
            } catch (Throwable e) {
                if (failure == null) {
                    throw e
                }
                failure.addSuppressed(e)
            }
        }
        pool
    }
}
