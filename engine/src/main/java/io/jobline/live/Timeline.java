package io.jobline.live;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The busy lanes of a live thing's workers, for a report's timeline: one {@link BusyLane} per worker, added as
 * workers start (a resize adds lanes, a worker that leaves keeps its lane). Bounded: {@link #MAX_LANES} lanes at
 * most, later workers get none. Thread-safe.
 */
public final class Timeline {

    /** The most lanes a timeline keeps. */
    public static final int MAX_LANES = 256;

    private final List<BusyLane> lanes = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> perPart = new ConcurrentHashMap<>();

    /** @return a new lane for a worker of {@code part}, named {@code part #n}; {@code null} beyond {@link #MAX_LANES} */
    public BusyLane lane(String part) {
        if (lanes.size() >= MAX_LANES) {
            return null;
        }
        int n = perPart.computeIfAbsent(part, k -> new AtomicInteger()).incrementAndGet();
        BusyLane lane = new BusyLane(part, part + " #" + n);
        lanes.add(lane);
        return lane;
    }

    /** @return the lanes, in the order the workers started */
    public List<BusyLane> lanes() {
        return List.copyOf(lanes);
    }
}
