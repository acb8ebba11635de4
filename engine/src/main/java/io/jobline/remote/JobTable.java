package io.jobline.remote;

import io.jobline.backend.JobIds;
import io.jobline.backend.Lifecycle;
import io.jobline.future.JobFuture;
import io.jobline.future.JobState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The futures a backend handed out and has not seen final yet, by job id and work id, with the backend's
 * {@link Lifecycle} and {@link JobIds}: what a backend that runs work elsewhere (worker processes, a farm) needs to
 * know what it owes, drain, cancel what has not started, and show what it runs. With a {@link Ledger}, the job ids
 * are also kept in a file.
 *
 * <p><b>Registration.</b> {@link #submit} and {@link #submitBatch} check that the backend is open, label the futures
 * and register them, atomically with {@link #close()} and {@link #drain}: a future registered is one the backend
 * must make final; a submission refused registers nothing. A future leaves the table when it becomes final (on the
 * thread that completes it), and with its job's last future the job's {@code ended} line goes to the ledger.
 *
 * <p><b>Blocking.</b> Only {@link #drain} blocks. All methods are thread-safe; none calls out to a future or the
 * backend while holding the table's lock.
 *
 * @param <F> the backend's future type
 */
public final class JobTable<F extends JobFuture<?>> {

    private final Lifecycle lifecycle;
    private final JobIds ids = new JobIds();
    private final Ledger ledger;
    /** Job id to its live futures by work id ({@code ""} outside batches); guarded by this. */
    private final Map<String, Map<String, F>> jobs = new LinkedHashMap<>();
    /** Guarded by this. */
    private int live;

    /**
     * @param backend the backend's name, for messages
     * @param ledger  where to keep the job ids, or {@code null}
     */
    public JobTable(String backend, Ledger ledger) {
        this.lifecycle = new Lifecycle(backend);
        this.ledger = ledger;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** @return a new job id, for a backend that needs it before it registers the job (to name its calls) */
    public String newJobId() {
        return ids.next();
    }

    /**
     * Labels {@code future} with the job id and registers it.
     *
     * @throws IllegalStateException if the backend is not open
     */
    public void submit(String jobId, F future) {
        register(jobId, List.of(future), false);
    }

    /**
     * Labels {@code futures} as one batch (the job id, work ids {@code "0"} …) and registers them.
     *
     * @throws IllegalStateException if the backend is not open
     */
    public void submitBatch(String jobId, List<? extends F> futures) {
        register(jobId, futures, true);
    }

    private void register(String jobId, List<? extends F> futures, boolean batch) {
        synchronized (this) {
            lifecycle.checkOpen();
            for (int i = 0; i < futures.size(); i++) {
                futures.get(i).setJobId(jobId);
                if (batch) {
                    futures.get(i).setWorkId(Integer.toString(i));
                }
            }
            Map<String, F> works = new LinkedHashMap<>();
            for (F future : futures) {
                works.put(workKey(future), future);
            }
            jobs.put(jobId, works);
            live += futures.size();
        }
        if (ledger != null) {
            ledger.submitted(jobId);
        }
        for (F future : futures) {
            future.whenComplete((result, failure) -> finished(future));
        }
    }

    /** @return the live future of that job and work ({@code null} outside batches), or {@code null} */
    public synchronized F get(String jobId, String workId) {
        Map<String, F> works = jobs.get(jobId);
        return works == null ? null : works.get(workId == null ? "" : workId);
    }

    /** @return the live futures of job {@code jobId}, in work order; empty when none is left */
    public synchronized List<F> job(String jobId) {
        Map<String, F> works = jobs.get(jobId);
        return works == null ? List.of() : new ArrayList<>(works.values());
    }

    /** @return every live future, oldest job first; a snapshot */
    public synchronized List<F> snapshot() {
        List<F> all = new ArrayList<>(live);
        jobs.values().forEach(works -> all.addAll(works.values()));
        return all;
    }

    /** @return the job ids with live futures, oldest first; a snapshot */
    public synchronized List<String> liveJobs() {
        return new ArrayList<>(jobs.keySet());
    }

    /** @return how many registered futures are not final yet */
    public synchronized int size() {
        return live;
    }

    /**
     * Stops taking work (DRAINING, unless closed already), cancels ({@code cancel(false)}) the live futures that
     * have not started when {@code cancelPending}, and waits until every registered future is final. Do not call it
     * from a thread that completes this table's futures.
     *
     * @throws InterruptedException if interrupted while waiting; the backend still takes no more work
     */
    public void drain(boolean cancelPending) throws InterruptedException {
        synchronized (this) {
            lifecycle.drain();
        }
        if (cancelPending) {
            cancelPending();
        }
        synchronized (this) {
            while (live > 0) {
                wait();
            }
        }
    }

    /** Cancels ({@code cancel(false)}) every live future that has not started. @return how many it cancelled */
    public int cancelPending() {
        int cancelled = 0;
        for (F future : snapshot()) {
            if (future.getState() == JobState.PENDING && future.cancel(false)) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Stops taking work for good (CLOSED); the backend then makes every {@link #snapshot() live} future final.
     *
     * @return the state before
     */
    public synchronized Lifecycle.State close() {
        return lifecycle.close();
    }

    private void finished(F future) {
        String jobId = future.getJobId();
        boolean ended = false;
        synchronized (this) {
            Map<String, F> works = jobs.get(jobId);
            if (works == null || works.remove(workKey(future)) == null) {
                return;
            }
            live--;
            if (works.isEmpty()) {
                jobs.remove(jobId);
                ended = true;
            }
            if (live == 0) {
                notifyAll();
            }
        }
        if (ended && ledger != null) {
            ledger.ended(jobId);
        }
    }

    private static String workKey(JobFuture<?> future) {
        return future.getWorkId() == null ? "" : future.getWorkId();
    }
}
