package io.jobline.farm;

import io.jobline.backend.Backend;
import io.jobline.backend.Drainable;
import io.jobline.backend.Work;
import io.jobline.future.JobFuture;
import io.jobline.remote.BundleFolder;
import io.jobline.remote.BundleKey;
import io.jobline.remote.CallBundle;
import io.jobline.remote.JobTable;
import io.jobline.remote.Outcome;
import io.jobline.remote.TaskMain;
import io.jobline.shipping.Shipping;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A farm as a {@link Backend}: functions run as farm tasks ({@code backend: 'slurm'} on an executor, a batch, a
 * pipeline stage or {@code @Task}). The calls of one submission are a call bundle in workDir
 * ({@link BundleFolder}, signed with this backend's key) and ONE array job whose task {@code i} runs
 * {@link TaskMain} on call {@code i}; {@link #submit} is an array job of one.
 *
 * <p><b>Futures.</b> {@code jobId} is the array job's id, {@code workId} the task's index (in a batch), {@code node}
 * where it ran; a future is RUNNING once the scheduler runs its task. Results and the call's own exceptions come
 * back as on the process backend (remote stack traces, causes, script classes); a task that ended without a result
 * (non-zero exit, a signal, {@code System.exit}, time limit, node failure, cancelled outside Jobline, lost) fails its
 * future with a {@link FarmFailure}; a result file not signed with this backend's key fails it with a
 * {@link io.jobline.remote.TamperedPacketException}.
 *
 * <p><b>Blocking.</b> {@code submit} and {@code submitBatch} write the bundle and run the submit command on the
 * calling thread (tens of milliseconds), then return; futures complete on the farm engine's thread.
 * {@code cancel(true)} on a future kills its task (batched, never blocking). {@link #close()} cancels everything not
 * final with one kill command.
 */
public final class FarmBackend implements Backend, Drainable {

    private final FarmEngine engine;
    private final Map<String, Object> defaults;
    private final JobTable<JobFuture<Object>> table;
    private final AtomicInteger bundles = new AtomicInteger();
    private volatile BundleKey key;

    /**
     * @param defaults the scheduler's job options for every job (a work's or batch's own options win)
     */
    public FarmBackend(FarmEngine engine, Map<String, ?> defaults) {
        this.engine = engine;
        this.defaults = new LinkedHashMap<>(engine.checkOptions(defaults));
        this.table = new JobTable<>(engine.scheduler().name(), null);
    }

    @Override
    public String name() {
        return engine.scheduler().name();
    }

    /** @return the engine, for its counts and session folder */
    public FarmEngine engine() {
        return engine;
    }

    @Override
    public void check(Object function, String what) {
        Shipping.packFunction(function, what);
    }

    /** A farm runs as many as it has slots; Jobline does not know how many, so map looks ahead by this much. */
    @Override
    public int parallelism() {
        return engine.settings().maxParallel > 0 ? engine.settings().maxParallel : 32;
    }

    @Override
    public JobFuture<Object> submit(Work work) {
        return submit(List.of(work), work.getOptions(), false).get(0);
    }

    /** A batch is one array (Slurm) or agenda (Qube) job. */
    @Override
    public boolean batchIsOneJob() {
        return true;
    }

    @Override
    public List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> batchOptions) {
        return submit(works, batchOptions, true);
    }

    private List<JobFuture<Object>> submit(List<Work> works, Map<String, ?> jobOptions, boolean batch) {
        table.lifecycle().checkOpen();
        String name = jobOptions != null && jobOptions.get("name") != null ? jobOptions.get("name").toString()
                : works.size() == 1 && works.get(0).getName() != null ? works.get(0).getName() : "jobline";
        Map<String, Object> options = new LinkedHashMap<>(defaults);
        if (jobOptions != null) {
            options.putAll(engine.checkOptions(jobOptions));
        }
        CallBundle.Builder calls = CallBundle.builder();
        List<String> whats = new ArrayList<>();
        for (int i = 0; i < works.size(); i++) {
            Work work = works.get(i);
            String what = name() + " call " + i + (work.getName() == null ? "" : " '" + work.getName() + "'");
            whats.add(what);
            calls.add(work.getTarget(), work.getArgs(), what);
        }
        try {
            Path session = engine.sessionFolder();
            BundleFolder folder = BundleFolder.write(session.resolve("calls-" + bundles.incrementAndGet()),
                    calls.build(), key(session), true);
            String command = String.join(" ", JobScript.quote(engine.settings().java()), "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", JobScript.quote(System.getProperty("java.class.path")),
                    TaskMain.class.getName(), JobScript.quote(folder.dir().toString()), "\"$JOBLINE_TASK_INDEX\"",
                    JobScript.quote(key.file().toString()));
            List<FarmTask> tasks = new ArrayList<>();
            List<JobFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < works.size(); i++) {
                FarmTask task = new FarmTask("call " + i + (works.get(i).getName() == null ? ""
                        : " '" + works.get(i).getName() + "'"), command);
                tasks.add(task);
                futures.add(future(works.get(i).getName(), task, folder, i, whats.get(i)));
            }
            String jobId = engine.submit(name, tasks, options, engine.settings().retries());
            if (batch) {
                table.submitBatch(jobId, futures);
            } else {
                table.submit(jobId, futures.get(0));
            }
            return futures;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private JobFuture<Object> future(String name, FarmTask task, BundleFolder folder, int index, String what) {
        JobFuture<Object> future = new JobFuture<>(name);
        future.setCanceller(interrupt -> task.cancel());
        task.onRunning(() -> {
            future.setNode(task.node());
            future.markRunning();
        });
        task.outcome().whenComplete((done, failure) -> {
            future.setNode(task.node());
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof CancellationException) {
                    future.cancel(false);
                } else {
                    future.completeExceptionally(cause);
                }
                return;
            }
            try {
                Outcome outcome = folder.result(index);
                if (outcome == null) {
                    future.completeExceptionally(new IllegalStateException(what + " (" + task.id() + ") exited 0 on "
                            + task.node() + " but wrote no result file in " + folder.dir()));
                } else {
                    outcome.settle(future, what, task.node());
                }
            } catch (Throwable e) {
                // Throwable: an Error decoding the result (StackOverflowError, OutOfMemoryError) would otherwise
                // be swallowed by the CompletableFuture running this callback, and the future would never end
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private BundleKey key(Path session) throws IOException {
        BundleKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = BundleKey.createOrLoad(session.resolve("key"));
                }
                k = key;
            }
        }
        return k;
    }

    /**
     * Waits until every future is final; with {@code cancelPending} it first cancels every call not final, running
     * ones included (one kill command): on a farm, "pending" is everything Jobline still waits for.
     */
    @Override
    public void drain(boolean cancelPending) throws InterruptedException {
        if (cancelPending) {
            table.lifecycle().drain();
            table.snapshot().forEach(future -> future.cancel(true));
        }
        table.drain(cancelPending);
    }

    @Override
    public void close() {
        table.close();
        table.snapshot().forEach(future -> future.cancel(false));
        engine.close();
    }

    @Override
    public String toString() {
        return "FarmBackend[" + name() + table.lifecycle().describe() + "]";
    }
}
