package io.jobline.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A live thing's counters at one moment: monotonic counts ({@code in}, {@code out}, {@code errors}) and the work in
 * hand ({@code doing}), per part too, with the {@link System#nanoTime()} they were read at. Rates are differences
 * between two snapshots ({@link #rate}); {@link StatsSampler} keeps recent snapshots for that. Immutable.
 *
 * <p>A front end may attach its own richer, immutable stats object as {@link #detail()} (a pipeline run attaches its
 * {@code RunStats}); {@link #toMap()} is then that object's map, the shape {@code --stats} writes.
 */
public final class LiveSnapshot {

    /** A front end's own stats object, as a JSON-friendly map. */
    public interface Detail {
        Map<String, Object> toMap();
    }

    private final long nanoTime;
    private final long in;
    private final long out;
    private final long errors;
    private final long doing;
    private final List<PartSnapshot> parts;
    private final Detail detail;

    /**
     * @param nanoTime when the counters were read ({@link System#nanoTime()})
     * @param parts    copied; may be {@code null}
     * @param detail   the front end's own stats object, immutable; may be {@code null}
     */
    public LiveSnapshot(long nanoTime, long in, long out, long errors, long doing, List<PartSnapshot> parts,
                        Detail detail) {
        this.nanoTime = nanoTime;
        this.in = in;
        this.out = out;
        this.errors = errors;
        this.doing = doing;
        this.parts = parts == null ? List.of() : List.copyOf(parts);
        this.detail = detail;
    }

    /** @return a snapshot with no counters, for things that count nothing */
    public static LiveSnapshot empty() {
        return new LiveSnapshot(System.nanoTime(), 0, 0, 0, 0, null, null);
    }

    public long nanoTime() {
        return nanoTime;
    }

    /** @return items taken, ever */
    public long in() {
        return in;
    }

    /** @return results produced, ever */
    public long out() {
        return out;
    }

    /** @return items failed, ever */
    public long errors() {
        return errors;
    }

    /** @return items being worked on now */
    public long doing() {
        return doing;
    }

    public List<PartSnapshot> parts() {
        return parts;
    }

    /** @return the part called {@code name}, or {@code null} */
    public PartSnapshot part(String name) {
        for (PartSnapshot part : parts) {
            if (part.name().equals(name)) {
                return part;
            }
        }
        return null;
    }

    /** @return the front end's own stats object (e.g. a run's {@code RunStats}), or {@code null} */
    public Detail detail() {
        return detail;
    }

    /**
     * @return per second, how much {@code counter} grew from {@code earlier} to {@code later}; 0 when no time passed
     *         between them
     */
    public static double rate(LiveSnapshot earlier, LiveSnapshot later, ToLongFunction<LiveSnapshot> counter) {
        long nanos = later.nanoTime - earlier.nanoTime;
        if (nanos <= 0) {
            return 0;
        }
        return (counter.applyAsLong(later) - counter.applyAsLong(earlier)) * 1e9 / nanos;
    }

    /** @return the detail's map if there is a detail, else the counters and parts; JSON-friendly */
    public Map<String, Object> toMap() {
        if (detail != null) {
            return detail.toMap();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("in", in);
        map.put("out", out);
        map.put("errors", errors);
        map.put("doing", doing);
        List<Map<String, Object>> partMaps = new ArrayList<>(parts.size());
        for (PartSnapshot part : parts) {
            partMaps.add(part.toMap());
        }
        map.put("parts", partMaps);
        return map;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
