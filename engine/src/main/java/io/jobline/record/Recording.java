package io.jobline.record;

import io.jobline.live.BusyLane;
import io.jobline.live.LiveEntry;
import io.jobline.live.LiveRecord;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.PartSnapshot;
import io.jobline.live.Timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report shows of one live thing (a pipeline run, an executor, a farm job …): its sampled counters over time
 * ({@link #tick}), its workers' busy lanes, its work items' spans, and once it ended its final state, errors and
 * shape. Bounded whatever the size of the run: {@link Series#MAX} samples, {@link BusyLane#MAX} intervals per lane,
 * {@link #MAX_ITEMS} work items, {@link #MAX_ERRORS} errors. Thread-safe.
 */
public final class Recording {

    /** Work items (a farm job's) whose spans are kept. */
    public static final int MAX_ITEMS = 5000;
    /** Errors kept for the report. */
    public static final int MAX_ERRORS = 500;

    private final long id;
    private final String kind;
    private final String name;
    private final Instant started;
    private final long startNanos;
    private final Series series = new Series();
    private final Map<String, long[]> itemSpans = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> itemStates = new LinkedHashMap<>();
    private LiveEntry entry;
    private LiveRecord record;
    private Map<String, Object> graph = Map.of();
    private List<Map<String, Object>> errors = List.of();
    /** Kept past the end: a worker interrupted by a cancel adds its last interval (or its lane) just after it. */
    private Timeline timeline;
    private String state;
    private long elapsedNanos = -1;
    private LiveSnapshot last;

    /**
     * Starts recording {@code entry}; call it while the entry is live (best: from {@link
     * io.jobline.live.LiveListener#started}, before its workers start).
     */
    public static Recording of(LiveEntry entry) {
        return new Recording(entry, entry.record());
    }

    /** A recording of an entry that was not recorded (it ended, or nobody asked): its last counters only. */
    public static Recording unrecorded(LiveEntry entry, LiveRecord record) {
        Recording recording = new Recording(entry, record);
        if (entry.isLive()) {
            recording.tick(entry.snapshot());
        } else {
            recording.ended(entry);
        }
        return recording;
    }

    private Recording(LiveEntry entry, LiveRecord record) {
        this.id = entry.id();
        this.kind = entry.kind();
        this.name = entry.name();
        this.started = entry.started();
        this.startNanos = System.nanoTime() - entry.elapsed().toNanos();
        this.entry = entry;
        this.record = record;
        if (record != null) {
            this.graph = record.graph();
        }
    }

    public long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** @return whether it ended (its final state is known) */
    public synchronized boolean isEnded() {
        return state != null;
    }

    /**
     * Adds a sample of the thing's counters; reads its work items' states too (a farm job's).
     *
     * @return the work items seen finished for the first time, each as in the report (with {@code start}, {@code end})
     */
    public synchronized List<Map<String, Object>> tick(LiveSnapshot snapshot) {
        if (state != null || snapshot == null) {
            return List.of();
        }
        series.add(strip(snapshot));
        last = snapshot;
        return record == null ? List.of() : noteItems(record.items(MAX_ITEMS), snapshot.nanoTime());
    }

    /**
     * The thing ended: takes its final state, counters, errors and lanes, and lets go of it. Later calls do nothing.
     *
     * @return the work items seen finished for the first time, as {@link #tick} returns them
     */
    public synchronized List<Map<String, Object>> ended(LiveEntry ended) {
        if (state != null) {
            return List.of();
        }
        List<Map<String, Object>> finished = List.of();
        LiveSnapshot snapshot = ended.snapshot();
        long now = System.nanoTime();
        state = ended.state().name();
        elapsedNanos = ended.elapsed().toNanos();
        last = snapshot;
        series.addLast(strip(snapshot));
        if (record != null) {
            finished = noteItems(record.items(MAX_ITEMS), now);
            errors = record.errors(MAX_ERRORS);
            timeline = record.timeline();
            graph = record.graph();
        }
        record = null;
        entry = null;
        return finished;
    }

    private List<Map<String, Object>> noteItems(List<Map<String, Object>> items, long nanos) {
        List<Map<String, Object>> finished = new ArrayList<>();
        for (Map<String, Object> item : items) {
            String itemName = String.valueOf(item.get("name"));
            String itemState = String.valueOf(item.get("state"));
            if (!itemSpans.containsKey(itemName) && itemSpans.size() >= MAX_ITEMS) {
                continue;
            }
            long[] span = itemSpans.computeIfAbsent(itemName, k -> new long[] {-1, -1});
            boolean running = "RUNNING".equals(itemState);
            boolean over = !running && !"PENDING".equals(itemState) && !"QUEUED".equals(itemState);
            if ((running || over) && span[0] < 0) {
                span[0] = nanos;
            }
            itemStates.put(itemName, item);
            if (over && span[1] < 0) {
                span[1] = nanos;
                finished.add(item(itemName, span));
            }
        }
        return finished;
    }

    /** A sample without the front end's detail object: the series keeps counters only. */
    private static LiveSnapshot strip(LiveSnapshot snapshot) {
        return new LiveSnapshot(snapshot.nanoTime(), snapshot.in(), snapshot.out(), snapshot.errors(),
                snapshot.doing(), snapshot.parts(), null);
    }

    /**
     * @return everything a report shows, JSON-friendly: times in seconds since the thing started. For a live
     *         thing, what is known so far.
     */
    public synchronized Map<String, Object> toMap() {
        LiveEntry live = entry;
        LiveSnapshot now = last;
        if (state == null && live != null) {
            now = live.snapshot();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("kind", kind);
        map.put("name", name);
        map.put("state", state != null ? state : live != null ? live.state().name() : "RUNNING");
        map.put("started", started.toString());
        double elapsed = (elapsedNanos >= 0 ? elapsedNanos : System.nanoTime() - startNanos) / 1e9;
        map.put("elapsedSeconds", elapsed);
        if (now != null) {
            map.put("in", now.in());
            map.put("out", now.out());
            map.put("errors", now.errors());
            map.put("doing", now.doing());
            map.put("parts", parts(now));
            if (now.detail() != null) {
                map.put("detail", now.detail().toMap());
            }
        }
        map.put("samples", samples());
        Timeline lanes = state == null && record != null ? record.timeline() : timeline;
        map.put("lanes", lanes(lanes == null ? List.of() : lanes.lanes()));
        map.put("items", items());
        List<Map<String, Object>> shownErrors = state == null && record != null ? record.errors(MAX_ERRORS) : errors;
        map.put("errorList", shownErrors);
        map.put("graph", state == null && record != null ? record.graph() : graph);
        map.put("recorded", lanes != null || series.samples().size() > 1);
        return map;
    }

    private static List<Map<String, Object>> parts(LiveSnapshot snapshot) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (PartSnapshot part : snapshot.parts()) {
            parts.add(part.toMap());
        }
        return parts;
    }

    /** @return {@code t} (seconds), totals and per-part counters of each sample, as parallel arrays */
    private Map<String, Object> samples() {
        List<LiveSnapshot> all = series.samples();
        Map<String, Object> map = new LinkedHashMap<>();
        List<Double> t = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        List<Long> in = new ArrayList<>();
        Map<String, Map<String, List<Number>>> perPart = new LinkedHashMap<>();
        for (LiveSnapshot sample : all) {
            t.add(Math.max(0, sample.nanoTime() - startNanos) / 1e9);
            out.add(sample.out());
            in.add(sample.in());
            for (PartSnapshot part : sample.parts()) {
                Map<String, List<Number>> columns = perPart.computeIfAbsent(part.name(), k -> new LinkedHashMap<>());
                columns.computeIfAbsent("out", k -> new ArrayList<>()).add(part.out());
                columns.computeIfAbsent("in", k -> new ArrayList<>()).add(part.in());
                columns.computeIfAbsent("errors", k -> new ArrayList<>()).add(part.errors());
                columns.computeIfAbsent("queue", k -> new ArrayList<>()).add(part.queueSize());
                columns.computeIfAbsent("capacity", k -> new ArrayList<>()).add(part.queueCapacity());
                columns.computeIfAbsent("busy", k -> new ArrayList<>()).add(part.busy());
                columns.computeIfAbsent("size", k -> new ArrayList<>()).add(part.size());
            }
        }
        map.put("t", t);
        map.put("in", in);
        map.put("out", out);
        map.put("parts", perPart);
        return map;
    }

    private List<Map<String, Object>> lanes(List<BusyLane> shown) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (BusyLane lane : shown) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("part", lane.part());
            map.put("name", lane.name());
            List<double[]> intervals = new ArrayList<>();
            for (long[] interval : lane.intervals()) {
                intervals.add(new double[] {(interval[0] - startNanos) / 1e9, (interval[1] - startNanos) / 1e9});
            }
            map.put("busy", intervals);
            result.add(map);
        }
        return result;
    }

    private List<Map<String, Object>> items() {
        List<Map<String, Object>> result = new ArrayList<>();
        itemSpans.forEach((itemName, span) -> result.add(item(itemName, span)));
        return result;
    }

    private Map<String, Object> item(String itemName, long[] span) {
        Map<String, Object> map = new LinkedHashMap<>(itemStates.get(itemName));
        map.put("start", span[0] < 0 ? null : (span[0] - startNanos) / 1e9);
        map.put("end", span[1] < 0 ? null : (span[1] - startNanos) / 1e9);
        return map;
    }
}
