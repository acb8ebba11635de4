package io.jobline.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one stage of a run. {@code in} counts items the stage took; each becomes outputs ({@code out}
 * counts outputs, which fan-out can make more numerous than items), a drop, or an error. Immutable.
 */
public final class StageStats {

    private final String name;
    private final int threads;
    private final QueueStats queue;
    private final long in;
    private final long out;
    private final long errors;
    private final long dropped;
    private final int busy;
    private final double rate;
    private final String backend;
    private final List<String> workers;

    StageStats(String name, int threads, int queueSize, int queueCapacity, long in, long out, long errors,
               long dropped, int busy, double rate, String backend, List<String> workers) {
        this.name = name;
        this.threads = threads;
        this.queue = new QueueStats(queueSize, queueCapacity);
        this.in = in;
        this.out = out;
        this.errors = errors;
        this.dropped = dropped;
        this.busy = busy;
        this.rate = rate;
        this.backend = backend;
        this.workers = List.copyOf(workers);
    }

    public String getName() {
        return name;
    }

    /** @return the stage's worker count */
    public int getThreads() {
        return threads;
    }

    /** @return the input queue: {@code size} (items waiting) and {@code capacity} */
    public QueueStats getQueue() {
        return queue;
    }

    /** @return items taken */
    public long getIn() {
        return in;
    }

    /** @return outputs handed on */
    public long getOut() {
        return out;
    }

    /** @return items that failed (after retries) */
    public long getErrors() {
        return errors;
    }

    /** @return items that produced no output (DROP, or an emit-form function that emitted nothing) */
    public long getDropped() {
        return dropped;
    }

    /** @return workers processing items right now */
    public int getBusy() {
        return busy;
    }

    /** @return items finished per second, averaged since the run started */
    public double getRate() {
        return rate;
    }

    /** @return the backend the stage runs on ({@code thread} unless named) */
    public String getBackend() {
        return backend == null ? "thread" : backend;
    }

    /**
     * @return the backend workers busy with this stage's items right now, e.g. {@code ["worker 2 (pid 4711)"]};
     *         empty on the thread backend, whose workers are the stage's own threads
     */
    public List<String> getWorkers() {
        return workers;
    }

    /** @return the stats as nested maps, the shape of the JSON form */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("backend", getBackend());
        map.put("threads", threads);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("size", queue.getSize());
        q.put("capacity", queue.getCapacity());
        map.put("queue", q);
        map.put("in", in);
        map.put("out", out);
        map.put("errors", errors);
        map.put("dropped", dropped);
        map.put("busy", busy);
        if (backend != null) {
            map.put("workers", workers);
        }
        map.put("rate", Math.round(rate * 10) / 10.0);
        return map;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /** A queue's fill: {@code size} items waiting of {@code capacity}. */
    public static final class QueueStats {
        private final int size;
        private final int capacity;

        QueueStats(int size, int capacity) {
            this.size = size;
            this.capacity = capacity;
        }

        public int getSize() {
            return size;
        }

        public int getCapacity() {
            return capacity;
        }

        @Override
        public String toString() {
            return size + "/" + capacity;
        }
    }
}
