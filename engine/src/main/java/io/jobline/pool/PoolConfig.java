package io.jobline.pool;

import io.jobline.backend.BackendSpec;
import io.jobline.backend.Backends;
import io.jobline.function.Functions;
import io.jobline.function.JobFunction;
import io.jobline.util.Options;
import io.jobline.util.Threads;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The options of {@link WorkerPool#create(int, Map)}, checked and with their defaults filled in. */
final class PoolConfig {

    static final List<String> OPTIONS = List.of(
            "min", "max", "inbox", "outbox", "errbox", "workerSetup", "threads", "ratio", "interval", "name",
            "backend");

    private static final AtomicInteger POOLS = new AtomicInteger();

    final int workers;
    final int min;
    final int max;
    final BlockingQueue<Object> inbox;
    final BlockingQueue<Object> outbox;
    final BlockingQueue<PoolError> errbox;
    final JobFunction workerSetup;
    final ThreadFactory threads;
    final double ratio;
    final Duration interval;
    final String name;
    /** Where the calls run: {@code null} on the pool's own threads, else a backend of the pool's own. */
    final String backend;
    /** That backend and its options ({@code jvmArgs} …: all but the pool's own), checked; null with {@code backend}. */
    final BackendSpec backendSpec;

    PoolConfig(int workers, Map<String, ?> given) {
        Map<String, ?> options = given == null ? Collections.emptyMap() : given;
        Object backendName = options.get("backend");
        this.backend = backendName == null || Backends.DEFAULT.equals(backendName.toString())
                ? null : Backends.provider(backendName.toString()).name();
        Set<String> known = new LinkedHashSet<>(OPTIONS);
        if (backend != null) {
            known.addAll(Backends.provider(backend).optionNames());
        }
        Options.requireKnown(options, known, "pool option");
        Map<String, Object> rest = new LinkedHashMap<>(options);
        rest.keySet().removeAll(OPTIONS);
        // Checked here, where the pool is declared; the backend itself is made when the pool starts.
        this.backendSpec = backend == null ? null : BackendSpec.split(backend, rest).spec();
        this.workers = Options.intAtLeast("workers", workers, 0);
        this.min = options.containsKey("min") ? Options.intAtLeast("min", options.get("min"), 0) : workers;
        this.max = options.containsKey("max") ? Options.intAtLeast("max", options.get("max"), 0) : workers;
        if (min > workers || workers > max) {
            throw new IllegalArgumentException("pool sizes must satisfy min <= workers <= max, got min " + min
                    + ", workers " + workers + ", max " + max);
        }
        this.inbox = queue("inbox", options.get("inbox"));
        this.outbox = queue("outbox", options.get("outbox"));
        this.errbox = queue("errbox", options.get("errbox"));
        this.workerSetup = setup(options.get("workerSetup"));
        this.ratio = ratio(options.get("ratio"));
        Duration every = Options.duration("interval", options.get("interval"));
        this.interval = every == null ? Duration.ofMillis(100) : every;
        Object named = options.get("name");
        this.name = named == null ? "pool-" + POOLS.incrementAndGet() : named.toString();
        this.threads = Threads.factory(name, Threads.wantsVirtual(options.get("threads")));
    }

    boolean autoscaling() {
        return max > min;
    }

    @SuppressWarnings("unchecked")
    private static <T> BlockingQueue<T> queue(String option, Object value) {
        if (value == null) {
            return new LinkedBlockingQueue<>();
        }
        if (value instanceof BlockingQueue) {
            return (BlockingQueue<T>) value;
        }
        throw new IllegalArgumentException(option + ": must be a java.util.concurrent.BlockingQueue, got "
                + Options.show(value));
    }

    private static JobFunction setup(Object value) {
        if (value == null) {
            return null;
        }
        if (!Functions.isFunction(value)) {
            throw new IllegalArgumentException("workerSetup: must be " + Functions.ACCEPTED + ", got "
                    + Functions.describe(value));
        }
        return Functions.of(value);
    }

    private static double ratio(Object value) {
        if (value == null) {
            return 1.0;
        }
        if (value instanceof Number && ((Number) value).doubleValue() > 0
                && !Double.isInfinite(((Number) value).doubleValue())) {
            return ((Number) value).doubleValue();
        }
        throw new IllegalArgumentException("ratio: must be a positive number (queued items per worker), got "
                + Options.show(value));
    }
}
