package io.jobline.shell;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.jobline.pipeline.Run;
import io.jobline.pipeline.RunRegistry;
import io.jobline.pipeline.RunStats;
import io.jobline.util.Threads;

/**
 * Follows the pipeline runs started while a script runs: shows them on a {@link RunView} while they go and when they
 * end, cancels them on request, and keeps the final stats of each (in start order) for {@code --stats}.
 *
 * <p>Runs are learnt from {@link RunRegistry} on the thread that starts them, which only queues them and never
 * blocks. A tracker thread looks at the runs {@value #TICK_MILLIS} ms apart: ended runs are reported and
 * forgotten (only their stats are kept, if asked), live ones are shown. {@link #close()} stops all that, cancels
 * runs still going (the script is over: nobody will read them) and reports them too. Thread-safe.
 */
final class RunTracker {

    /** How often runs are looked at: a few times a second is live enough and costs nothing. */
    static final long TICK_MILLIS = 200;

    private final RunView view;
    private final boolean keepStats;
    private final Queue<Run> started = new ConcurrentLinkedQueue<>();
    private final Consumer<Run> onStart = started::add;
    private final ScheduledExecutorService ticker;
    /** Live runs, oldest first, each with its index in {@link #finals} (or -1 when stats are not kept). */
    private final Map<Run, Integer> active = new LinkedHashMap<>();
    private final List<Map<String, Object>> finals = new ArrayList<>();
    private boolean closed;

    /** @param keepStats whether to keep each run's final stats for {@link #close()} to return */
    RunTracker(RunView view, boolean keepStats) {
        this.view = view;
        this.keepStats = keepStats;
        RunRegistry.addListener(onStart);
        ticker = Executors.newSingleThreadScheduledExecutor(Threads.factory("jobline-runs", false));
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Cancels every run started so far that is still going. @return how many were cancelled */
    int cancelAll() {
        List<Run> live;
        synchronized (this) {
            take();
            live = new ArrayList<>(active.keySet());
        }
        int cancelled = 0;
        for (Run run : live) {
            if (run.cancel()) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Stops tracking: runs still going are cancelled and reported, the view is closed. Later calls do nothing.
     *
     * @return the final stats ({@link RunStats#toMap()}) of every run tracked, in start order; empty unless stats
     *         were kept
     */
    List<Map<String, Object>> close() {
        RunRegistry.removeListener(onStart);
        ticker.shutdown(); // a tick under way ends first: it holds the lock taken below
        cancelAll();
        synchronized (this) {
            if (!closed) {
                closed = true;
                take();
                for (Map.Entry<Run, Integer> entry : active.entrySet()) {
                    finish(entry.getKey().stats(), entry.getValue());
                }
                active.clear();
                view.close();
            }
            return new ArrayList<>(finals);
        }
    }

    private synchronized void tick() {
        if (closed) {
            return;
        }
        try {
            take();
            List<RunStats> live = new ArrayList<>();
            for (Iterator<Map.Entry<Run, Integer>> it = active.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Run, Integer> entry = it.next();
                RunStats stats = entry.getKey().stats();
                if (stats.getState().isFinal()) {
                    it.remove();
                    finish(stats, entry.getValue());
                } else {
                    live.add(stats);
                }
            }
            view.refresh(live);
        } catch (RuntimeException e) {
            // A display that fails must not stop the tracking (a thrown exception would end the ticks for good).
            System.getLogger(RunTracker.class.getName()).log(System.Logger.Level.WARNING, "progress display failed", e);
        }
    }

    /** Moves newly started runs into {@link #active}, giving each its place in {@link #finals}. Under the lock. */
    private void take() {
        for (Run run = started.poll(); run != null; run = started.poll()) {
            if (keepStats) {
                finals.add(null);
            }
            active.put(run, keepStats ? finals.size() - 1 : -1);
        }
    }

    private void finish(RunStats stats, int index) {
        if (index >= 0) {
            finals.set(index, stats.toMap());
        }
        view.finished(stats);
    }
}
