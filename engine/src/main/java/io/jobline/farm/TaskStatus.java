package io.jobline.farm;

/**
 * What the scheduler says about one task. A value.
 *
 * @param phase  where the task is in its life
 * @param state  the scheduler's own word for it ({@code PENDING}, {@code NODE_FAIL} …), for messages
 * @param reason the scheduler's reason, or {@code ""}
 * @param node   where it runs or ran, or {@code ""}
 * @param exit   the scheduler's exit code text when it knows one (e.g. Slurm's {@code 2:0}), or {@code ""}
 */
public record TaskStatus(Phase phase, String state, String reason, String node, String exit) {

    /** Where a task is in its life, as far as the engine needs to know. */
    public enum Phase {
        /** queued, held, requeued: not running yet */
        WAITING,
        /** running, or ending */
        RUNNING,
        /** the scheduler is done with it (completed, failed, cancelled, timed out, node failure …) */
        ENDED
    }

    public TaskStatus(Phase phase, String state, String reason, String node) {
        this(phase, state, reason, node, "");
    }
}
