package io.jobline.shell.views;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.StatsSampler;
import io.jobline.shell.repl.ValueFormat;

/** The words the shell's views use for live entries: summaries, rates, counts. */
public final class LiveText {

    private LiveText() {
    }

    /** {@code [2] run 'render' DONE: 1000 in, 1000 out, 0 errors, 3.2 s} */
    public static String ended(LiveEntry entry) {
        LiveSnapshot snapshot = entry.snapshot();
        return "[" + entry.id() + "] " + entry.kind() + " '" + entry.name() + "' " + entry.state() + ": "
                + snapshot.in() + " in, " + snapshot.out() + " out, " + snapshot.errors() + " errors, "
                + ValueFormat.seconds(entry.elapsed());
    }

    /** @return items per second for people: {@code 1234/s}, {@code 3.5/s}, {@code -} when unknown */
    public static String rate(double perSecond) {
        if (perSecond <= 0) {
            return "-";
        }
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /** {@code 2 live: 1 run, 1 executor · 340/s} or null when nothing is live */
    public static String status(List<LiveEntry> live, StatsSampler sampler) {
        Map<String, Integer> kinds = new TreeMap<>();
        double rate = 0;
        int count = 0;
        for (LiveEntry entry : live) {
            if (entry.parent() != null) {
                continue; // a run's backend is part of the run
            }
            count++;
            kinds.merge(entry.kind(), 1, Integer::sum);
            rate += sampler.rate(entry);
        }
        if (count == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder().append(count).append(" live:");
        String separator = " ";
        for (Map.Entry<String, Integer> kind : kinds.entrySet()) {
            text.append(separator).append(kind.getValue()).append(' ').append(kind.getKey())
                    .append(kind.getValue() > 1 ? "s" : "");
            separator = ", ";
        }
        return text.append(" | ").append(rate(rate).equals("-") ? "0/s" : rate(rate)).append(" out")
                .append(" | :jobs :watch :cancel").toString();
    }
}
