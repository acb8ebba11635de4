package io.jobline.live;

import java.util.ArrayList;
import java.util.List;

/**
 * When one worker was busy: merged intervals of {@link System#nanoTime()}, not one per item, so a run of ten million
 * items costs what a small one does. An interval that starts within the lane's gap (first 1 ms) of the previous
 * one's end extends it. When {@link #MAX} intervals are kept, the gap doubles and neighbours closer than it merge, so
 * memory stays bounded and the picture coarsens evenly.
 *
 * <p>Written by its worker (one call per batch of items), read by reports; both lock the lane, which its worker
 * alone takes almost always (uncontended).
 */
public final class BusyLane {

    /** The most intervals a lane keeps. */
    public static final int MAX = 1024;

    private final String part;
    private final String name;
    private long[] starts = new long[32];
    private long[] ends = new long[32];
    private int count;
    private long gapNanos = 1_000_000;

    BusyLane(String part, String name) {
        this.part = part;
        this.name = name;
    }

    /** @return the part (a stage) whose worker this is */
    public String part() {
        return part;
    }

    /** @return the worker's name, e.g. {@code multi2 #2} */
    public String name() {
        return name;
    }

    /** Records that the worker was busy from {@code startNanos} to {@code endNanos}. */
    public synchronized void busy(long startNanos, long endNanos) {
        if (count > 0 && startNanos - ends[count - 1] <= gapNanos) {
            if (endNanos > ends[count - 1]) {
                ends[count - 1] = endNanos;
            }
            return;
        }
        if (count == starts.length) {
            if (count >= MAX) {
                coarsen();
            } else {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
        }
        starts[count] = startNanos;
        ends[count] = endNanos;
        count++;
    }

    /** @return the intervals, oldest first, each {@code [start, end]} in nanoTime */
    public synchronized List<long[]> intervals() {
        List<long[]> copy = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            copy.add(new long[] {starts[i], ends[i]});
        }
        return copy;
    }

    /** @return the gap below which intervals merge now (it grows as the lane coarsens) */
    public synchronized long gapNanos() {
        return gapNanos;
    }

    /** Doubles the gap and merges neighbours closer than it until at most three quarters of {@link #MAX} are left. */
    private void coarsen() {
        while (count > MAX * 3 / 4) {
            gapNanos *= 2;
            int kept = 0;
            for (int i = 1; i < count; i++) {
                if (starts[i] - ends[kept] <= gapNanos) {
                    ends[kept] = Math.max(ends[kept], ends[i]);
                } else {
                    kept++;
                    starts[kept] = starts[i];
                    ends[kept] = ends[i];
                }
            }
            count = kept + 1;
        }
    }
}
