package io.jobline.farm;

import java.util.List;

/**
 * A farm task that failed for good: its command exited non-zero or was killed by a signal, the scheduler ended it
 * (time limit, node failure, cancelled from outside, out of memory …), or it was lost. The message says which job
 * and task, the scheduler's state and reason, the exit code or signal, the node, and the last lines of its log.
 */
public final class FarmFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final String state;
    private final Integer exitCode;
    private final String node;
    private final List<String> logTail;

    FarmFailure(String message, String jobId, String state, Integer exitCode, String node, List<String> logTail) {
        super(message);
        this.jobId = jobId;
        this.state = state;
        this.exitCode = exitCode;
        this.node = node;
        this.logTail = List.copyOf(logTail);
    }

    /** @return the task's id as the scheduler writes it, e.g. {@code 4711_3} */
    public String getJobId() {
        return jobId;
    }

    /** @return the scheduler's state ({@code FAILED}, {@code TIMEOUT}, {@code NODE_FAIL}, {@code LOST} …) */
    public String getState() {
        return state;
    }

    /** @return the command's exit code, or {@code null} when it never reported one */
    public Integer getExitCode() {
        return exitCode;
    }

    /** @return the node, or {@code ""} */
    public String getNode() {
        return node;
    }

    /** @return the last lines of the task's log */
    public List<String> getLogTail() {
        return logTail;
    }

    /** Builds the failure of {@code task}, with the log tail read now. */
    static FarmFailure of(FarmTask task, String state, String reason, Integer exitCode, String schedulerExit) {
        FarmArray array = task.array();
        String farm = array.engine().scheduler().name();
        TaskId id = task.id();
        StringBuilder text = new StringBuilder(farm).append(" job ").append(id).append(" (")
                .append(array.name()).append(", ").append(task.label()).append(") failed: ");
        if (exitCode != null) {
            text.append(exitCode > 128 && exitCode < 160 ? "killed by signal " + (exitCode - 128) + " (exit code "
                    + exitCode + ")" : "exit code " + exitCode);
            if (state != null && !state.isEmpty()) {
                text.append(", ").append(farm).append(" state ").append(state);
            }
        } else {
            text.append(farm).append(" state ").append(state);
            if (reason != null && !reason.isEmpty() && !"None".equals(reason)) {
                text.append(" (reason: ").append(reason).append(')');
            }
            if (schedulerExit != null && !schedulerExit.isEmpty()) {
                text.append(", exit ").append(schedulerExit);
            }
            text.append(", without an exit code from the task");
        }
        if (!task.node().isEmpty()) {
            text.append(", on node ").append(task.node());
        }
        List<String> tail = task.logTail(20);
        text.append("\n  log: ").append(task.logFile());
        if (tail.isEmpty()) {
            text.append(" (empty)");
        } else {
            text.append(", last lines:");
            for (String line : tail) {
                text.append("\n    ").append(line);
            }
        }
        return new FarmFailure(text.toString(), String.valueOf(id), state, exitCode, task.node(), tail);
    }
}
