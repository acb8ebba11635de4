package io.jobline.shell;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.jobline.live.StatsSampler;
import io.jobline.pipeline.RunStats;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * On a terminal: a live progress bar per running pipeline run (results out of items taken in, items in flight, and
 * results per second as the engine's stats sampler measures them now) in a {@link StatusArea} under the script's
 * output, and the summary line of each run when it ends.
 */
final class ProgressView implements RunView {

    /** Bars shown at most; further runs are counted on one more line. */
    static final int MAX_BARS = 4;

    private static final Object MORE = new Object();

    private final StatusArea area;
    private final PrintStream err;
    private final ProgressBarStyle style;
    private final Map<Integer, Bar> bars = new LinkedHashMap<>();

    /**
     * @param err     where summary lines go: a stream guarded by {@code area}
     * @param unicode whether the terminal can show Unicode block characters
     */
    ProgressView(StatusArea area, PrintStream err, boolean unicode) {
        this.area = area;
        this.err = err;
        this.style = unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII;
    }

    @Override
    public void refresh(List<RunProgress> active) {
        Set<Integer> live = new HashSet<>();
        for (RunProgress progress : active) {
            RunStats stats = progress.stats();
            live.add(stats.getId());
            Bar bar = bars.get(stats.getId());
            if (bar == null && bars.size() < MAX_BARS) {
                bar = new Bar(stats);
                bars.put(stats.getId(), bar);
            }
            if (bar != null) {
                bar.update(stats, progress.rate());
            }
        }
        for (Iterator<Map.Entry<Integer, Bar>> it = bars.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Bar> entry = it.next();
            if (!live.contains(entry.getKey())) {
                entry.getValue().finish();
                it.remove();
            }
        }
        int hidden = active.size() - bars.size();
        if (hidden > 0) {
            area.set(MORE, "... and " + hidden + " more pipeline run" + (hidden == 1 ? "" : "s"));
        } else {
            area.remove(MORE);
        }
    }

    @Override
    public void finished(RunStats last) {
        Bar bar = bars.remove(last.getId());
        if (bar != null) {
            bar.finish();
        }
        err.println(RunSummary.line(last));
    }

    @Override
    public void close() {
        bars.values().forEach(Bar::finish);
        bars.clear();
        area.close();
    }

    /** One run's bar: tongfei's progress bar, rendered into the status area instead of straight to the console. */
    private final class Bar implements ProgressBarConsumer {

        private final ProgressBar bar;

        Bar(RunStats stats) {
            bar = new ProgressBarBuilder()
                    .setTaskName(RunSummary.title(stats))
                    .setInitialMax(Math.max(stats.getIn(), stats.getOut()))
                    .startsFrom(0, stats.getElapsed())
                    .setStyle(style)
                    .setUpdateIntervalMillis((int) StatsSampler.PERIOD.toMillis())
                    .continuousUpdate()
                    .hideEta()
                    .setConsumer(this)
                    .clearDisplayOnFinish()
                    .build();
        }

        /** The bar is results out of items in; fan-out can make more results than items, so the larger bounds it. */
        void update(RunStats stats, double rate) {
            bar.maxHint(Math.max(stats.getIn(), stats.getOut()));
            bar.stepTo(stats.getOut());
            bar.setExtraMessage(" in " + stats.getIn() + ", doing " + stats.getDoing()
                    + (stats.getErrors() > 0 ? ", " + stats.getErrors() + " errors" : "")
                    + String.format(Locale.ROOT, ", %.1f/s", rate));
        }

        /** Renders the last state and removes the line (tongfei calls {@link #clear()}, then {@link #close()}). */
        void finish() {
            bar.close();
        }

        @Override
        public int getMaxRenderedLength() {
            return area.columns();
        }

        @Override
        public void accept(String rendered) {
            area.set(this, rendered);
        }

        @Override
        public void clear() {
            area.remove(this);
        }

        @Override
        public void close() {
            area.remove(this);
        }
    }
}
