package io.jobline.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of one part of a live thing: a pipeline's stage, a pool's workers, a farm job's array. {@code in},
 * {@code out} and {@code errors} are monotonic; {@code size} (threads or workers), the queue and {@code busy} are
 * the values at the snapshot's time. Immutable.
 */
public final class PartSnapshot {

    private final String name;
    private final int size;
    private final int queueSize;
    private final int queueCapacity;
    private final long in;
    private final long out;
    private final long errors;
    private final int busy;

    /** @param queueCapacity {@code Integer.MAX_VALUE} for an unbounded queue */
    public PartSnapshot(String name, int size, int queueSize, int queueCapacity, long in, long out, long errors,
                        int busy) {
        this.name = name;
        this.size = size;
        this.queueSize = queueSize;
        this.queueCapacity = queueCapacity;
        this.in = in;
        this.out = out;
        this.errors = errors;
        this.busy = busy;
    }

    public String name() {
        return name;
    }

    /** @return threads or workers */
    public int size() {
        return size;
    }

    /** @return items waiting */
    public int queueSize() {
        return queueSize;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    /** @return items taken, ever */
    public long in() {
        return in;
    }

    /** @return outputs handed on, ever */
    public long out() {
        return out;
    }

    /** @return items failed, ever */
    public long errors() {
        return errors;
    }

    /** @return items being worked on now */
    public int busy() {
        return busy;
    }

    /** @return the counters as a map (JSON-friendly) */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("size", size);
        map.put("queueSize", queueSize);
        map.put("queueCapacity", queueCapacity);
        map.put("in", in);
        map.put("out", out);
        map.put("errors", errors);
        map.put("busy", busy);
        return map;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
