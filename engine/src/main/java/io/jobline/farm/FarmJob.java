package io.jobline.farm;

import io.jobline.future.DoneSignal;
import io.jobline.future.JobState;
import io.jobline.util.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A command job on a farm: one array job whose tasks are the work items (chunks of frames), made by
 * {@link Farm#job}. Thread-safe; {@link #join} blocks, everything else returns at once.
 */
public final class FarmJob {

    private final String name;
    private final String jobId;
    private final List<WorkItem> items;
    private final DoneSignal<FarmJob> done;

    FarmJob(String name, String jobId, List<WorkItem> items) {
        this.name = name;
        this.jobId = jobId;
        this.items = List.copyOf(items);
        this.done = new DoneSignal<>(this, items.stream().map(item -> item.task().outcome()).toList());
    }

    public String getName() {
        return name;
    }

    /** @return the array job's id (a retried item runs in a later job: see {@link WorkItem#getJobId()}) */
    public String getJobId() {
        return jobId;
    }

    /** @return its work items, in frame order */
    public List<WorkItem> getWorkItems() {
        return items;
    }

    /**
     * @return PENDING (nothing started), RUNNING, then once every item is final: FAILED if any failed, else
     * CANCELLED if any was cancelled, else DONE
     */
    public JobState getState() {
        boolean anyFailed = false;
        boolean anyCancelled = false;
        boolean anyStarted = false;
        boolean allFinal = true;
        for (WorkItem item : items) {
            switch (item.getState()) {
                case FAILED -> anyFailed = true;
                case CANCELLED -> anyCancelled = true;
                case RUNNING -> {
                    anyStarted = true;
                    allFinal = false;
                }
                case PENDING -> allFinal = false;
                default -> anyStarted = true;
            }
        }
        if (!allFinal) {
            return anyStarted ? JobState.RUNNING : JobState.PENDING;
        }
        return anyFailed ? JobState.FAILED : anyCancelled ? JobState.CANCELLED : JobState.DONE;
    }

    /** @return the frames of the items that failed or were cancelled, sorted */
    public List<Integer> getFailedFrames() {
        List<Integer> frames = new ArrayList<>();
        for (WorkItem item : items) {
            JobState state = item.getState();
            if (state == JobState.FAILED || state == JobState.CANCELLED) {
                frames.addAll(item.getFrames());
            }
        }
        return frames;
    }

    /** @return how many items are final, of {@link #getWorkItems()}'s size */
    public int getFinished() {
        return (int) items.stream().filter(item -> item.task().outcome().isDone()).count();
    }

    /** Waits until every item is final. */
    public FarmJob join() throws InterruptedException {
        return done.join();
    }

    /**
     * Waits at most {@code timeout} (seconds, or a Duration) for every item to be final.
     *
     * @return whether they all are
     */
    public boolean join(Object timeout) throws InterruptedException {
        return done.join(timeout);
    }

    /** @return the last 20 lines of {@code item}'s log (a WorkItem, or its position in {@link #getWorkItems()}) */
    public String log(Object item) {
        WorkItem chosen;
        if (item instanceof WorkItem) {
            chosen = (WorkItem) item;
        } else if (item instanceof Number) {
            int i = Options.intAtLeast("item", item, 0);
            if (i >= items.size()) {
                throw new IllegalArgumentException("item: this job has " + items.size() + " work items (0 … "
                        + (items.size() - 1) + "), got " + i);
            }
            chosen = items.get(i);
        } else {
            throw new IllegalArgumentException("log: give a WorkItem or its index, got " + Options.show(item));
        }
        return String.join("\n", chosen.log(20));
    }

    /**
     * Cancels every item not final: they never start, or one batched kill command stops them; never blocks.
     *
     * @return whether any item was cancelled
     */
    public boolean cancel() {
        boolean any = false;
        for (WorkItem item : items) {
            any |= item.task().cancel();
        }
        return any;
    }

    /** Calls {@code callback} with this job once every item is final (at once if they are); see {@link DoneSignal#onDone}. */
    public FarmJob onDone(Consumer<? super FarmJob> callback) {
        done.onDone(callback);
        return this;
    }

    /** @return a future completed with this job once every item is final */
    public CompletableFuture<FarmJob> getDone() {
        return done.future();
    }

    @Override
    public String toString() {
        return "FarmJob[" + name + ", job " + jobId + ", " + getFinished() + "/" + items.size() + " items, "
                + getState() + "]";
    }
}
