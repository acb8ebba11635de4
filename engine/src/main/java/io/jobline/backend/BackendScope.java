package io.jobline.backend;

import io.jobline.future.JobFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hands out shared backends, one per {@link BackendSpec}, reference-counted: consecutive pipeline runs that ask for
 * the same spec get the same backend, so a process backend's workers are warm for the next run. A backend nobody
 * uses lingers idle for {@link #linger()}, then is closed; beyond {@link #maxIdle()} idle backends the one idle
 * longest is closed at once. {@link #shared()} is the scope of this JVM, closed when the JVM exits.
 *
 * <p><b>Leases.</b> {@link #acquire} returns a lease: a {@link Backend} that submits to the shared one and keeps
 * track of its own futures. Closing a lease cancels its futures that are not final ({@code cancel(true)}: their
 * calls are stopped) and releases the shared backend; it never closes it and never blocks. Closing the shared
 * backends happens on the scope's own daemon thread ({@code jobline-backend-closer}), never on the thread that
 * released it, so a run's end, a timeout on the shared timer, or a pool holding its lock never waits for worker
 * processes to exit.
 *
 * <p>All methods are thread-safe; none blocks except {@link #close()}, which waits for the backends to close.
 */
public final class BackendScope implements AutoCloseable {

    /** How long an unused shared backend stays up, unless {@code -Djobline.backendLinger=SECONDS} says otherwise. */
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(10);
    /** How many unused shared backends stay up at most. */
    public static final int DEFAULT_MAX_IDLE = 2;

    private static final BackendScope SHARED = new BackendScope(lingerFromProperty(), DEFAULT_MAX_IDLE);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SHARED::close, "jobline-backend-scope-exit"));
    }

    private final Duration linger;
    private final int maxIdle;
    private final ScheduledThreadPoolExecutor closer;
    /** Guarded by this; in the order the entries last became idle (or were made). */
    private final Map<BackendSpec, Entry> entries = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param linger  how long an unused backend stays up
     * @param maxIdle how many unused backends stay up at most
     */
    public BackendScope(Duration linger, int maxIdle) {
        this.linger = linger;
        this.maxIdle = maxIdle;
        this.closer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "jobline-backend-closer");
            thread.setDaemon(true);
            return thread;
        });
        closer.setRemoveOnCancelPolicy(true);
    }

    /** @return this JVM's scope: pipeline runs take their backends from it */
    public static BackendScope shared() {
        return SHARED;
    }

    public Duration linger() {
        return linger;
    }

    public int maxIdle() {
        return maxIdle;
    }

    /**
     * @return a lease of the shared backend of {@code spec}, made now if there is none; the caller closes the lease
     * @throws IllegalStateException    if this scope is closed
     * @throws IllegalArgumentException if the backend cannot be made from the spec
     */
    public Backend acquire(BackendSpec spec) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the backend scope is closed (the JVM is exiting)");
            }
            Entry entry = entries.get(spec);
            if (entry == null) {
                entry = new Entry(spec, spec.create());
                entries.put(spec, entry);
            }
            entry.users++;
            if (entry.closing != null) {
                entry.closing.cancel(false);
                entry.closing = null;
            }
            return new Lease(entry);
        }
    }

    /** @return the shared backends and how many leases each has now; a snapshot */
    public synchronized Map<BackendSpec, Integer> users() {
        Map<BackendSpec, Integer> users = new LinkedHashMap<>();
        entries.forEach((spec, entry) -> users.put(spec, entry.users));
        return users;
    }

    /**
     * Closes the shared backends nobody uses now, on this thread, and waits for the closes already under way on the
     * scope's thread: when it returns, no idle shared backend is left ({@code Jobline.shutdown()}, tests).
     */
    public void closeIdle() {
        List<Backend> idle = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.users == 0) {
                    it.remove();
                    if (entry.closing != null) {
                        entry.closing.cancel(false);
                    }
                    idle.add(entry.backend);
                }
            }
        }
        idle.forEach(Backend::close);
        try {
            // The closer runs one task at a time: this one runs once the closes queued before it are done.
            closer.submit(() -> { }).get();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The scope is closed: so is every backend it had.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes every shared backend, leased or not, and hands out no more; waits until they are closed. */
    @Override
    public void close() {
        List<Backend> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>();
            entries.values().forEach(entry -> all.add(entry.backend));
            entries.clear();
        }
        all.forEach(Backend::close);
        closer.shutdownNow();
    }

    private void release(Entry entry) {
        List<Entry> evicted = new ArrayList<>();
        synchronized (this) {
            if (--entry.users > 0 || entries.get(entry.spec) != entry) {
                return;
            }
            // Idle now: to the end of the order, so the front is the one idle longest.
            entries.remove(entry.spec);
            entries.put(entry.spec, entry);
            entry.closing = closer.schedule(() -> closeIfIdle(entry), linger.toNanos(), TimeUnit.NANOSECONDS);
            int idle = 0;
            for (Entry e : entries.values()) {
                idle += e.users == 0 ? 1 : 0;
            }
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && idle > maxIdle; ) {
                Entry e = it.next();
                if (e.users == 0) {
                    it.remove();
                    e.closing.cancel(false);
                    evicted.add(e);
                    idle--;
                }
            }
        }
        for (Entry e : evicted) {
            closer.execute(e.backend::close);
        }
    }

    private void closeIfIdle(Entry entry) {
        synchronized (this) {
            if (entry.users > 0 || entries.get(entry.spec) != entry) {
                return;
            }
            entries.remove(entry.spec);
        }
        entry.backend.close();
    }

    private static Duration lingerFromProperty() {
        String seconds = System.getProperty("jobline.backendLinger");
        if (seconds == null) {
            return DEFAULT_LINGER;
        }
        try {
            return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(seconds) * 1000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Djobline.backendLinger: must be a number of seconds, got '"
                    + seconds + "'");
        }
    }

    /** One shared backend; its fields are guarded by the scope. */
    private static final class Entry {
        final BackendSpec spec;
        final Backend backend;
        int users;
        ScheduledFuture<?> closing;

        Entry(BackendSpec spec, Backend backend) {
            this.spec = spec;
            this.backend = backend;
        }
    }

    /** One user's hold on a shared backend. */
    private final class Lease implements Backend {
        private final Entry entry;
        private final Set<JobFuture<Object>> live = ConcurrentHashMap.newKeySet();
        private volatile boolean released;

        Lease(Entry entry) {
            this.entry = entry;
        }

        @Override
        public String name() {
            return entry.backend.name();
        }

        @Override
        public JobFuture<Object> submit(Work work) {
            checkOpen();
            return track(entry.backend.submit(work));
        }

        @Override
        public List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> batchOptions) {
            checkOpen();
            List<JobFuture<Object>> futures = entry.backend.submitBatch(works, batchOptions);
            futures.forEach(this::track);
            return futures;
        }

        @Override
        public void check(Object function, String what) {
            entry.backend.check(function, what);
        }

        @Override
        public Map<String, WorkOrigin> busyWorkers() {
            return entry.backend.busyWorkers();
        }

        @Override
        public int parallelism() {
            return entry.backend.parallelism();
        }

        @Override
        public boolean batchIsOneJob() {
            return entry.backend.batchIsOneJob();
        }

        /** Cancels this lease's futures not final yet and releases the shared backend; idempotent, never blocks. */
        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            for (JobFuture<Object> future : new ArrayList<>(live)) {
                future.cancel(true);
            }
            release(entry);
        }

        @Override
        public String toString() {
            return "shared " + entry.backend + (released ? " (released)" : "");
        }

        private JobFuture<Object> track(JobFuture<Object> future) {
            live.add(future);
            future.whenComplete((result, failure) -> live.remove(future));
            if (released) {
                // Submitted while this lease was being closed: close() may have missed it.
                future.cancel(true);
            }
            return future;
        }

        private void checkOpen() {
            if (released) {
                throw new IllegalStateException("this lease of the " + name() + " backend is closed; it accepts no "
                        + "more work");
            }
        }
    }
}
