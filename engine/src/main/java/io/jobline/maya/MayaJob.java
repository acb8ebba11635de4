package io.jobline.maya;

import io.jobline.future.DoneSignal;
import io.jobline.future.JobFuture;
import io.jobline.future.JobState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A Maya job: a render range ({@link Maya#render}: one future per chunk of frames, its result the chunk's frames) or
 * Python snippets ({@link Maya#python}: one future per item, its result the snippet's value). Each future has
 * {@code jobId} (the farm's job), {@code workId} (the work item) and {@code node}. Thread-safe; {@link #join} and
 * {@link #getResults()} block, everything else returns at once.
 */
public final class MayaJob {

    private final String name;
    private final List<Part> parts;
    private final List<JobFuture<Object>> futures;
    private final DoneSignal<MayaJob> done;

    MayaJob(String name, List<Part> parts, List<JobFuture<Object>> futures) {
        this.name = name;
        this.parts = List.copyOf(parts);
        this.futures = List.copyOf(futures);
        this.done = new DoneSignal<>(this, futures);
    }

    public String getName() {
        return name;
    }

    /** @return the farm's id of the job (a retried work item may have run in a later job) */
    public String getJobId() {
        return parts.get(0).jobId;
    }

    /** @return the futures: one per chunk of a render, one per item of Python snippets, in order */
    public List<JobFuture<Object>> getFutures() {
        return futures;
    }

    /** @return how many work items (farm tasks, local processes) it has */
    public int getWorkItems() {
        return parts.size();
    }

    /**
     * Waits for every future, then returns their results in order.
     *
     * @throws MayaFailure (or the failure it was) of the first future that failed, in order; CancellationException
     *                     for a cancelled one
     */
    public List<Object> getResults() throws InterruptedException {
        List<Object> results = new ArrayList<>();
        for (JobFuture<Object> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                        : new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    /**
     * @return PENDING (nothing started), RUNNING, then once every future is final: FAILED if any failed, else
     * CANCELLED if any was cancelled, else DONE
     */
    public JobState getState() {
        boolean anyFailed = false;
        boolean anyCancelled = false;
        boolean anyStarted = false;
        boolean allFinal = true;
        for (JobFuture<Object> future : futures) {
            JobState state = future.getState();
            anyFailed |= state == JobState.FAILED;
            anyCancelled |= state == JobState.CANCELLED;
            anyStarted |= state != JobState.PENDING;
            allFinal &= future.isDone();
        }
        if (!allFinal) {
            return anyStarted ? JobState.RUNNING : JobState.PENDING;
        }
        return anyFailed ? JobState.FAILED : anyCancelled ? JobState.CANCELLED : JobState.DONE;
    }

    /** @return the frames (a render) or item positions (snippets) of the work items that failed or were cancelled */
    public List<Integer> getFailedFrames() {
        List<Integer> failed = new ArrayList<>();
        for (Part part : parts) {
            if (part.done.isCompletedExceptionally()) {
                for (int i = part.start; i <= part.end; i++) {
                    failed.add(i);
                }
            }
        }
        return failed;
    }

    /** @return the last 20 lines of work item {@code index}'s log, after a line naming the log file */
    public String log(int index) {
        if (index < 0 || index >= parts.size()) {
            throw new IllegalArgumentException("log: this job has " + parts.size() + " work items (0 … "
                    + (parts.size() - 1) + "), got " + index);
        }
        return String.join("\n", parts.get(index).log());
    }

    /** Waits until every future is final. */
    public MayaJob join() throws InterruptedException {
        return done.join();
    }

    /**
     * Waits at most {@code timeout} (seconds, or a Duration).
     *
     * @return whether every future is final
     */
    public boolean join(Object timeout) throws InterruptedException {
        return done.join(timeout);
    }

    /**
     * Cancels every future not final: work items not started never start, running ones are killed (on a farm with
     * one batched kill command); never blocks.
     *
     * @return whether anything was cancelled
     */
    public boolean cancel() {
        boolean any = false;
        for (JobFuture<Object> future : futures) {
            any |= future.cancel(true);
        }
        return any;
    }

    /** Calls {@code callback} with this job once every future is final (at once if they are). */
    public MayaJob onDone(Consumer<? super MayaJob> callback) {
        done.onDone(callback);
        return this;
    }

    @Override
    public String toString() {
        long finished = futures.stream().filter(CompletableFuture::isDone).count();
        return "MayaJob[" + name + ", job " + getJobId() + ", " + finished + "/" + futures.size() + " done, "
                + getState() + "]";
    }
}
