package io.jobline.backend;

import io.jobline.future.JobFuture;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * Where work runs: threads in this JVM, worker processes, or a farm. This is the whole contract between Jobline's
 * front ends (pipelines, executors, batches, {@code @Task}, worker pools) and the machinery that runs code; none of
 * the front ends knows which backend it talks to.
 *
 * <p><b>Submission.</b> {@link #submit(Work)} returns at once with a future that is PENDING (or already RUNNING);
 * it never blocks waiting for capacity: a backend queues what it cannot start yet. {@link #submitBatch} hands
 * many calls over as ONE unit of the backend's (one farm array job, one job with an agenda, one round of the
 * pool); its futures come back in the order of the works and carry the same job id.
 *
 * <p><b>Completion.</b> Every future a backend returns becomes final, whatever happens to the machinery behind
 * it (a worker that dies, a job the farm kills, {@link #close()}): with the call's result, with the exception the
 * call threw (stack trace kept), with an exception saying why the call could not run, or cancelled. A backend
 * never leaves a future hanging.
 *
 * <p><b>Cancellation.</b> Cancelling a PENDING future means its call never starts; cancelling a RUNNING one stops
 * the call (interrupt, kill) as far as the backend can.
 *
 * <p><b>Threads.</b> All methods are safe to call from any thread.
 *
 * <p>New backends are found with {@link java.util.ServiceLoader} through {@link BackendProvider}.
 */
public interface Backend extends AutoCloseable {

    /** @return the name users select this backend by ({@code thread}, {@code process}, {@code slurm} …) */
    String name();

    /** Starts {@code work} asynchronously; see the class comment for the guarantees. */
    JobFuture<Object> submit(Work work);

    /**
     * Starts {@code works} as one unit; {@code batchOptions} are the unit's own options (its name, cpus …).
     *
     * @return one future per work, in the same order
     */
    List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> batchOptions);

    /**
     * Runs {@code work} and waits for its result; this is how a pipeline stage calls its function. The default
     * submits and waits; the thread backend overrides it to run the call on the calling thread.
     *
     * @throws Exception the call's own exception, unwrapped
     */
    default Object call(Work work) throws Exception {
        JobFuture<Object> future = submit(work);
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw e;
        }
    }

    /**
     * Checks, before any work is sent, that {@code function} can run on this backend: a backend that runs work in
     * other processes makes sure the function can be shipped there. Front ends call it once per function before they
     * start (a pipeline before its run starts), so a problem is reported once, early, instead of per call. Does
     * nothing by default.
     *
     * @param what the function in the user's words for the message, e.g. {@code "stage 'render'"}
     * @throws IllegalArgumentException saying what prevents it (for the process backend: the captured variable,
     *                                  its type, where the function was defined)
     */
    default void check(Object function, String what) {
    }

    /**
     * What this backend's workers are busy with now, for stats: worker name (e.g. {@code "worker 2 (pid 4711)"})
     * to the {@link Work#getOrigin() origin} of the work it runs ({@link WorkOrigin#NONE} when it has none). Idle
     * workers are left out. A snapshot; never blocks. Empty by default (backends without workers of their own).
     */
    default Map<String, WorkOrigin> busyWorkers() {
        return Map.of();
    }

    /**
     * How many calls this backend runs at once (its workers, a farm's slots); front ends use it to size look-ahead,
     * e.g. how many chunks {@code map} keeps in flight. A hint, not a limit. The default is the number of processors.
     */
    default int parallelism() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether {@link #submitBatch} makes ONE unit that a scheduler sees as one job (a farm's array or agenda job).
     * Then {@code map} over a finite input (a Collection) submits it whole as one batch, one work item per chunk, as
     * qbfutures' map did, instead of a job per chunk; other inputs keep map's bounded look-ahead. False by default.
     */
    default boolean batchIsOneJob() {
        return false;
    }

    /**
     * Stops accepting work, cancels what has not started, and releases the backend's threads, processes or jobs.
     * Idempotent. Work already running is asked to stop; its futures become final.
     */
    @Override
    void close();
}
