package io.jobline.backend;

/**
 * Where a {@link Work} comes from: the live entry it belongs to (a pipeline run's id, as in the live registry) and
 * the part of it (the stage's name). Backends report what their workers run by it ({@link Backend#busyWorkers()}),
 * so stats never depend on the {@code name} job option, which on a farm is also the job's name.
 *
 * @param run   the id of the {@link io.jobline.live.LiveEntry} the work is for; 0 for {@link #NONE}
 * @param stage the part of it, e.g. the stage's name; never {@code null}
 */
public record WorkOrigin(long run, String stage) {

    /** Work that belongs to no live entry: submitted to an executor, a task, a pool's call. */
    public static final WorkOrigin NONE = new WorkOrigin(0, "");

    public WorkOrigin {
        if (stage == null) {
            throw new IllegalArgumentException("stage: must not be null");
        }
    }
}
