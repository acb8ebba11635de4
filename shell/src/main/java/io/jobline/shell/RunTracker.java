package io.jobline.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveListener;
import io.jobline.live.LiveRegistry;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.LiveSubscription;
import io.jobline.live.StatsSampler;
import io.jobline.pipeline.RunStats;

/**
 * Follows the pipeline runs of a script's live scope: shows them on a {@link RunView} while they go and when they
 * end, and keeps the final stats of each (in start order) for {@code --stats}.
 *
 * <p>Runs are learnt from the scope's listener, which only queues them and never blocks. The view is refreshed after
 * each round of the engine's {@link StatsSampler} (a few times a second, only while something is live): ended runs
 * are reported and forgotten (only their stats are kept, if asked), live ones are shown with their newest sample.
 * {@link #close()} stops all that, cancels what is still live in the scope (the script is over: nobody will read it)
 * and reports the runs. Thread-safe.
 */
final class RunTracker {

    private static final String RUN = "run";

    private final LiveRegistry scope;
    private final RunView view;
    private final boolean keepStats;
    private final Queue<LiveEntry> started = new ConcurrentLinkedQueue<>();
    private final Queue<LiveEntry> ended = new ConcurrentLinkedQueue<>();
    private final LiveSubscription listening;
    private final LiveSubscription sampling;
    /** Live runs, oldest first, each with its index in {@link #finals} (or -1 when stats are not kept). */
    private final Map<Long, Integer> active = new LinkedHashMap<>();
    private final List<Map<String, Object>> finals = new ArrayList<>();
    private boolean closed;

    /**
     * @param scope     the script's scope, whose runs are shown
     * @param keepStats whether to keep each run's final stats for {@link #close()} to return
     */
    RunTracker(LiveRegistry scope, RunView view, boolean keepStats) {
        this.scope = scope;
        this.view = view;
        this.keepStats = keepStats;
        listening = scope.addListener(new LiveListener() {
            @Override
            public void started(LiveEntry entry) {
                if (RUN.equals(entry.kind())) {
                    started.add(entry);
                }
            }

            @Override
            public void ended(LiveEntry entry) {
                if (RUN.equals(entry.kind())) {
                    ended.add(entry);
                }
            }
        });
        sampling = StatsSampler.global().subscribe(scope, this::refresh);
    }

    /** Cancels everything still live in the scope: runs, executors' work, pools. @return how many were cancelled */
    int cancelAll() {
        return scope.cancelAll();
    }

    /**
     * Stops tracking: what is still live is cancelled, the runs are reported, the view is closed. Later calls do
     * nothing.
     *
     * @return the final stats ({@link RunStats#toMap()}) of every run tracked, in start order; empty unless stats
     *         were kept
     */
    List<Map<String, Object>> close() {
        sampling.close(); // a refresh under way ends first: it holds the lock taken below
        cancelAll();
        synchronized (this) {
            if (!closed) {
                closed = true;
                take();
                for (LiveEntry run : scope.list()) {
                    Integer index = active.remove(run.id());
                    if (index != null) {
                        finish(run.snapshot(), index);
                    }
                }
                active.clear();
                view.close();
            }
            listening.close();
            return new ArrayList<>(finals);
        }
    }

    /** After each sampling round: reports the runs that ended, shows the live ones. */
    private synchronized void refresh() {
        if (closed) {
            return;
        }
        try {
            take();
            StatsSampler sampler = StatsSampler.global();
            List<RunProgress> live = new ArrayList<>();
            for (LiveEntry run : scope.live()) {
                if (active.containsKey(run.id())) {
                    LiveSnapshot sample = sampler.latest(run);
                    live.add(new RunProgress(stats(sample != null ? sample : run.snapshot()), sampler.rate(run)));
                }
            }
            view.refresh(live);
        } catch (RuntimeException e) {
            // A display that fails must not stop the tracking.
            System.getLogger(RunTracker.class.getName()).log(System.Logger.Level.WARNING, "progress display failed", e);
        }
    }

    /** Moves newly started runs into {@link #active} and reports the ended ones. Under the lock. */
    private void take() {
        for (LiveEntry run = started.poll(); run != null; run = started.poll()) {
            if (keepStats) {
                finals.add(null);
            }
            active.put(run.id(), keepStats ? finals.size() - 1 : -1);
        }
        for (LiveEntry run = ended.poll(); run != null; run = ended.poll()) {
            Integer index = active.remove(run.id());
            if (index != null) {
                finish(run.snapshot(), index);
            }
        }
    }

    private void finish(LiveSnapshot last, int index) {
        RunStats stats = stats(last);
        if (index >= 0) {
            finals.set(index, stats.toMap());
        }
        view.finished(stats);
    }

    private static RunStats stats(LiveSnapshot snapshot) {
        return (RunStats) snapshot.detail();
    }
}
