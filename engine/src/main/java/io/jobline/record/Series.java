package io.jobline.record;

import io.jobline.live.LiveSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The sampled snapshots of one live thing over its life, bounded: once {@link #MAX} are kept, every other one is
 * dropped and from then on only every second sample is kept (then every fourth …), so a run of a week costs what a
 * run of a minute does, at a coarser step. Not thread-safe: its {@link Recording} guards it.
 */
final class Series {

    /** The most samples kept. */
    static final int MAX = 1200;

    private final List<LiveSnapshot> samples = new ArrayList<>();
    private int stride = 1;
    private long seen;

    void add(LiveSnapshot snapshot) {
        if (seen++ % stride != 0) {
            return;
        }
        if (samples.size() >= MAX) {
            List<LiveSnapshot> kept = new ArrayList<>(MAX / 2 + 1);
            for (int i = 0; i < samples.size(); i += 2) {
                kept.add(samples.get(i));
            }
            samples.clear();
            samples.addAll(kept);
            stride *= 2;
        }
        samples.add(snapshot);
    }

    /** Adds the final snapshot whatever the stride, so the charts end where the run did. */
    void addLast(LiveSnapshot snapshot) {
        samples.add(snapshot);
    }

    List<LiveSnapshot> samples() {
        return new ArrayList<>(samples);
    }
}
