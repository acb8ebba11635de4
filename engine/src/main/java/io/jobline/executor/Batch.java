package io.jobline.executor;

import io.jobline.backend.Backend;
import io.jobline.backend.Work;
import io.jobline.future.JobFuture;
import io.jobline.util.Items;
import io.jobline.util.Options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many calls submitted as ONE unit of the backend ({@link Backend#submitBatch}): one farm array job, one job with an
 * agenda, one round of the thread pool. From qbfutures' {@code Executor.batch}.
 *
 * <p><b>Lifecycle.</b> {@link #submit} and {@link #map} only record work items and return at once; their futures
 * are PENDING and have no job or work ids. {@link #commit()} hands every item to the backend in one call, in
 * submission order; from then on each future mirrors the backend's future for its item: its job id (shared by the
 * whole batch), its work id (the item's index), its RUNNING state, its node and its outcome. A future cancelled
 * before the commit is left out of the unit. A batch is committed at most once; after that it takes no more items.
 * {@link JobExecutor#batch(Map, java.util.function.Consumer)} commits when its body returns normally, and when the
 * body throws it commits nothing, cancels the batch's futures and rethrows.
 *
 * <p><b>Options.</b> The batch's own options (given to {@link JobExecutor#batch}, on top of the executor's defaults)
 * are the unit's job options ({@code name}, {@code cpus} …). The named options of {@code submit} and {@code map} go
 * to the work item.
 *
 * <p>All methods are thread-safe.
 */
public final class Batch {

    private enum Phase { OPEN, COMMITTED, ABANDONED }

    /** map options that make no sense for a batch, where every item is one work item of one unit. */
    private static final Set<String> NOT_FOR_BATCH_MAP = Set.of("chunk", "timeout", "lookahead");

    private final JobExecutor executor;
    private final Map<String, Object> options;
    private final List<Work> works = new ArrayList<>();
    private final List<BatchFuture> futures = new ArrayList<>();
    private Phase phase = Phase.OPEN;
    private volatile String jobId;

    Batch(JobExecutor executor, Map<String, Object> options) {
        this.executor = executor;
        this.options = options;
    }

    /** Adds the call {@code fn(args…)} as a work item. */
    public JobFuture<Object> submit(Object fn, Object... args) {
        return submit(null, fn, args);
    }

    /**
     * Adds the call {@code fn(args…)} as a work item with the work item options {@code options} (e.g. {@code name}).
     *
     * @return its future: PENDING, without ids until {@link #commit()}
     * @throws IllegalStateException    if the batch was committed or abandoned
     * @throws IllegalArgumentException if {@code fn} is not callable
     */
    public synchronized JobFuture<Object> submit(Map<String, ?> options, Object fn, Object... args) {
        checkOpen();
        Work work = Work.of(fn, args, options);
        BatchFuture future = new BatchFuture(work.getName());
        works.add(work);
        futures.add(future);
        return future;
    }

    /** {@code map(fn, items)} without options. */
    public Iterable<Object> map(Object fn, Object items) {
        return map(null, fn, items);
    }

    /**
     * Adds one work item per item of {@code items} (read now, so it must be finite): {@code fn(item)}, or with
     * {@code spread: true} a List or array item spread into the arguments. Other named options go to each work
     * item.
     *
     * @return the results in input order, readable once the batch is committed: iterating blocks for each result in
     * turn and throws an item's exception (a checked one wrapped in a
     * {@link java.util.concurrent.CompletionException}); iterating before the commit throws
     * {@link IllegalStateException}
     * @throws IllegalArgumentException for {@code chunk}, {@code timeout} or {@code lookahead} (every item is one work
     *                                  item, and a batch has no look-ahead), an invalid {@code spread}, items that
     *                                  cannot be iterated, or {@code fn} not callable
     * @throws IllegalStateException    if the batch was committed or abandoned
     */
    public synchronized Iterable<Object> map(Map<String, ?> options, Object fn, Object items) {
        checkOpen();
        Map<String, Object> itemOptions = new LinkedHashMap<>(options == null ? Map.of() : options);
        for (String key : NOT_FOR_BATCH_MAP) {
            if (itemOptions.containsKey(key)) {
                throw new IllegalArgumentException(key + ": not a batch map option (each item is one work item of the"
                        + " batch); valid: spread, and work item options");
            }
        }
        boolean spread = Options.bool("spread", itemOptions.remove("spread"), false);
        Iterator<Object> source = Items.iterator(items, "batch map items");
        List<JobFuture<Object>> results = new ArrayList<>();
        while (source.hasNext()) {
            results.add(submit(itemOptions, fn, MapArgs.of(source.next(), spread)));
        }
        return new BatchResults(this, results);
    }

    /** @return every future of this batch, in submission order (map's included) */
    public synchronized List<JobFuture<Object>> getFutures() {
        return Collections.unmodifiableList(new ArrayList<>(futures));
    }

    /** @return the backend's job id of the committed batch; {@code null} before the commit or for an empty batch */
    public String getJobId() {
        return jobId;
    }

    /** @return whether {@link #commit()} has run */
    public synchronized boolean isCommitted() {
        return phase == Phase.COMMITTED;
    }

    /** @return the batch's own job options (the executor's defaults and the batch's options) */
    public Map<String, Object> getOptions() {
        return Collections.unmodifiableMap(options);
    }

    /**
     * Hands every work item to the backend as one unit and links the futures to the backend's. Does not wait for
     * the work. An empty batch submits nothing.
     *
     * @throws IllegalStateException if the batch was committed already, was abandoned, or its executor is closed
     *                               (the batch's futures then fail with that exception)
     * @throws RuntimeException      what the backend threw when it refused the unit; the futures fail with it too
     */
    public synchronized void commit() {
        if (phase == Phase.COMMITTED) {
            throw new IllegalStateException("the batch is already committed" + (jobId == null ? "" : " as job " + jobId));
        }
        if (phase == Phase.ABANDONED) {
            throw new IllegalStateException("the batch was abandoned because its body threw; it cannot be committed");
        }
        phase = Phase.COMMITTED;
        List<Work> toSubmit = new ArrayList<>(works.size());
        List<BatchFuture> toLink = new ArrayList<>(futures.size());
        for (int i = 0; i < works.size(); i++) {
            if (!futures.get(i).isCancelled()) {
                toSubmit.add(works.get(i));
                toLink.add(futures.get(i));
            }
        }
        if (toSubmit.isEmpty()) {
            return;
        }
        List<JobFuture<Object>> submitted;
        try {
            submitted = executor.submitBatch(toSubmit, options);
        } catch (RuntimeException e) {
            toLink.forEach(future -> future.completeExceptionally(e));
            throw e;
        }
        jobId = submitted.get(0).getJobId();
        for (int i = 0; i < toLink.size(); i++) {
            toLink.get(i).link(submitted.get(i));
        }
    }

    /** The body threw: nothing is submitted, and every future is cancelled so no caller waits for it. */
    synchronized void abandon() {
        if (phase == Phase.OPEN) {
            phase = Phase.ABANDONED;
            futures.forEach(future -> future.cancel(false));
        }
    }

    @Override
    public synchronized String toString() {
        return "Batch[" + futures.size() + " items, " + phase.name().toLowerCase()
                + (jobId == null ? "" : ", job " + jobId) + "]";
    }

    private void checkOpen() {
        if (phase != Phase.OPEN) {
            throw new IllegalStateException("the batch is " + phase.name().toLowerCase() + "; it takes no more work");
        }
    }
}
