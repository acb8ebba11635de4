package io.jobline.farm;

import io.jobline.future.Callbacks;
import io.jobline.future.JobState;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * One work item of a command job: a chunk of frames run as one array task. A live view: its state, node and exit
 * code follow the task.
 */
public final class WorkItem {

    private final int start;
    private final int end;
    private final FarmTask task;

    WorkItem(int start, int end, FarmTask task) {
        this.start = start;
        this.end = end;
        this.task = task;
    }

    /** @return its first frame */
    public int getStart() {
        return start;
    }

    /** @return its last frame */
    public int getEnd() {
        return end;
    }

    /** @return its frames, {@code start … end} */
    public List<Integer> getFrames() {
        return IntStream.rangeClosed(start, end).boxed().toList();
    }

    /** @return PENDING, RUNNING, DONE, FAILED or CANCELLED */
    public JobState getState() {
        if (task.outcome().isCancelled()) {
            return JobState.CANCELLED;
        }
        if (task.outcome().isCompletedExceptionally()) {
            return JobState.FAILED;
        }
        if (task.outcome().isDone()) {
            return JobState.DONE;
        }
        return task.phase() == TaskStatus.Phase.RUNNING ? JobState.RUNNING : JobState.PENDING;
    }

    /** @return the command's exit code once it reported one, else {@code null} */
    public Integer getExitCode() {
        if (!task.outcome().isDone() || task.outcome().isCancelled()) {
            return null;
        }
        try {
            return task.outcome().join().exitCode();
        } catch (CompletionException e) {
            return e.getCause() instanceof FarmFailure ? ((FarmFailure) e.getCause()).getExitCode() : null;
        } catch (CancellationException e) {
            return null;
        }
    }

    /** @return why it failed (job id, state, exit code, log tail), or {@code null} */
    public String getError() {
        if (!task.outcome().isCompletedExceptionally() || task.outcome().isCancelled()) {
            return null;
        }
        try {
            task.outcome().join();
            return null;
        } catch (CompletionException e) {
            return e.getCause().getMessage();
        }
    }

    /** @return the node it ran on, or {@code ""} */
    public String getNode() {
        return task.node();
    }

    /** @return the scheduler's id of its task, e.g. {@code 4711_3}, or {@code null} before submission */
    public String getJobId() {
        TaskId id = task.id();
        return id == null ? null : id.toString();
    }

    /** @return the file its command's output went to */
    public Path getLogFile() {
        return task.logFile();
    }

    /** @return the last {@code lines} lines of its log, then the scheduler's own messages about it */
    public List<String> log(int lines) {
        return task.logTail(lines);
    }

    /**
     * Calls {@code callback} with this item once it is final (at once if it is), on the farm engine's thread; it
     * must not block. An exception from the callback changes nothing and is logged once ({@link Callbacks}).
     */
    public WorkItem onDone(java.util.function.Consumer<? super WorkItem> callback) {
        // callLogged: whenComplete alone would drop the callback's exception without a word
        task.outcome().whenComplete((outcome, failure) -> Callbacks.callLogged(callback, this, this));
        return this;
    }

    /** Calls {@code action} once, on the farm engine's thread, when the item is first seen running; must not block. */
    public WorkItem onRunning(Runnable action) {
        task.onRunning(action);
        return this;
    }

    /** Cancels this item alone (see {@link FarmJob#cancel()}); never blocks. @return whether this call cancelled it */
    public boolean cancel() {
        return task.cancel();
    }

    FarmTask task() {
        return task;
    }

    @Override
    public String toString() {
        return "frames " + (start == end ? Integer.toString(start) : start + "-" + end) + " " + getState();
    }
}
