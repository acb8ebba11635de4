package io.jobline.farm;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One task of a farm job: a shell command run on a node, with where it is now and how it ended. Its
 * {@link #outcome()} completes normally when the command exited 0 (its exit file is there), exceptionally with a
 * {@link FarmFailure} when it failed for good (retries used up), and is cancelled by {@link #cancel()}.
 * Thread-safe: the engine's thread updates it; anyone reads it.
 */
public final class FarmTask {

    /** How a task ended well. */
    public record Outcome(int exitCode, String node, TaskId id, Path log) {
    }

    private static final Logger LOG = Logger.getLogger(FarmTask.class.getName());

    private final String label;
    private final String command;
    private final int[] frames;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile FarmEngine engine;
    private volatile FarmArray array;
    private volatile int index = -1;
    private volatile TaskStatus.Phase phase = TaskStatus.Phase.WAITING;
    private volatile String node = "";
    private volatile Runnable onRunning = () -> { };
    /** Engine thread only. */
    int attemptsLeft;
    /** Engine thread only: how many more runs the scheduler itself makes after a non-zero exit (Qube's retrywork). */
    int ownRetriesLeft;
    /** Engine thread only: when the scheduler first stopped listing it without an exit file (ms), or 0. */
    long missingSince;

    /**
     * @param label   what the task is in the user's words, for messages ({@code frames 11-20}, {@code call 3})
     * @param command the shell command it runs (bash)
     */
    public FarmTask(String label, String command) {
        this(label, command, null);
    }

    /** @param frames for a command job's work item, its first and last frame ({@code {start, end}}), else null */
    FarmTask(String label, String command, int[] frames) {
        this.label = label;
        this.command = command;
        this.frames = frames == null ? null : frames.clone();
    }

    /** @return its first and last frame for a command job's work item, else {@code null} */
    int[] frames() {
        return frames == null ? null : frames.clone();
    }

    public String label() {
        return label;
    }

    public String command() {
        return command;
    }

    /** @return the future of how it ends; do not complete it yourself (cancel it with {@link #cancel()}) */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** @return its array job's id and its index there (the latest attempt's), or {@code null} before submission */
    public TaskId id() {
        FarmArray a = array;
        return a == null || a.jobId() == null ? null : new TaskId(a.jobId(), index);
    }

    /** @return WAITING, RUNNING or ENDED as far as Jobline has seen */
    public TaskStatus.Phase phase() {
        return outcome.isDone() ? TaskStatus.Phase.ENDED : phase;
    }

    /** @return the node it runs or ran on, or {@code ""} */
    public String node() {
        return node;
    }

    /** @return the file its command's stdout and stderr go to (the latest attempt's), or {@code null} */
    public Path logFile() {
        FarmArray a = array;
        return a == null ? null : a.dir().resolve(index + ".log");
    }

    /** @return the last {@code lines} lines of its command's output, then the scheduler's own messages about it */
    public List<String> logTail(int lines) {
        FarmArray a = array;
        if (a == null) {
            return List.of();
        }
        List<String> tail = new java.util.ArrayList<>(WorkDirFiles.tail(logFile(), lines));
        for (String line : WorkDirFiles.tail(a.engine().scheduler().schedulerLog(a.dir(), index), 5)) {
            tail.add(a.engine().scheduler().name() + ": " + line);
        }
        return tail;
    }

    /** Called (on the engine's thread) once when the task is first seen running; must not block. */
    public void onRunning(Runnable action) {
        this.onRunning = action;
    }

    /**
     * Cancels the task: it never starts, or the scheduler is asked to kill it (batched, on the engine's thread:
     * this never blocks).
     *
     * @return whether this call cancelled it
     */
    public boolean cancel() {
        boolean cancelled = outcome.cancel(false);
        FarmEngine e = engine;
        TaskId id = id();
        if (cancelled && e != null && id != null) {
            e.kill(this);
        }
        return cancelled;
    }

    void attach(FarmEngine engine, FarmArray array, int index) {
        this.engine = engine;
        this.array = array;
        this.index = index;
        this.phase = TaskStatus.Phase.WAITING;
        this.missingSince = 0;
        this.ownRetriesLeft = engine.scheduler().ownRetries(array.options());
    }

    FarmArray array() {
        return array;
    }

    int index() {
        return index;
    }

    /** @return whether this changed anything */
    boolean seen(TaskStatus.Phase now, String where) {
        boolean changed = false;
        if (where != null && !where.isEmpty() && !where.equals(node)) {
            node = where;
            changed = true;
        }
        if (now == TaskStatus.Phase.RUNNING && phase == TaskStatus.Phase.WAITING) {
            phase = now;
            try {
                onRunning.run();
            } catch (Throwable e) {
                // Throwable: a Groovy callback's assert is an AssertionError, and it must not stop polling
                LOG.log(Level.WARNING, "the onRunning callback of " + this + " threw " + e.getClass().getName()
                        + " (ignored: polling goes on)", e);
            }
            changed = true;
        }
        return changed;
    }

    @Override
    public String toString() {
        TaskId id = id();
        return "FarmTask[" + label + (id == null ? "" : ", " + id) + ", " + phase() + "]";
    }
}
