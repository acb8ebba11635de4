package io.jobline.live;

import io.jobline.util.Threads;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * Samples the live entries of the scopes someone {@link #subscribe subscribed} to, a few times a second, and keeps a
 * bounded ring of recent snapshots per live entry; rates are differences between samples, so they say how fast a
 * thing goes now, not on average since it started. Feeds the command line's progress, the shell's {@code :watch} and
 * reports alike.
 *
 * <p><b>Cost.</b> Nothing runs while nobody is subscribed: no thread, no samples. While someone is, one daemon thread
 * takes a round every {@code period}, as long as something is live in a subscribed scope; it rests (and its thread
 * exits after a second) when nothing is, and a thing starting in a subscribed scope wakes it.
 *
 * <p><b>Rounds.</b> A round snapshots every live entry of the subscribed scopes, forgets the rings of entries that are
 * no longer live, then calls each subscriber's callback on the sampler's thread (one round at a time, never with a
 * sampler lock held; a callback that throws is logged and the rounds go on). {@link #sampleNow()} takes a round on
 * the caller's thread.
 *
 * <p>Thread-safe.
 */
public final class StatsSampler {

    /** The global sampler's period: 5 rounds a second is live enough for eyes and costs next to nothing. */
    public static final Duration PERIOD = Duration.ofMillis(200);

    /** Samples the global sampler keeps per entry: with {@link #PERIOD}, rates over the last 5 seconds. */
    public static final int RING = 25;

    private static final System.Logger LOG = System.getLogger(StatsSampler.class.getName());
    private static final StatsSampler GLOBAL = new StatsSampler(PERIOD, RING);

    private final long periodNanos;
    private final int ringSize;
    private final Object lock = new Object();
    /** One round at a time, whether the sampler thread's or {@link #sampleNow()}'s. */
    private final ReentrantLock rounds = new ReentrantLock();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<Long, ArrayDeque<LiveSnapshot>> rings = new HashMap<>();
    private ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> next;
    /** Whether the round under way (or the last) found nothing live: then it schedules no other. For specs. */
    volatile boolean foundNothing;

    /**
     * @param period   time between rounds, positive
     * @param ringSize samples kept per entry, at least 2 (a rate needs two)
     */
    public StatsSampler(Duration period, int ringSize) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period: must be positive, got " + period);
        }
        if (ringSize < 2) {
            throw new IllegalArgumentException("ringSize: must be >= 2, got " + ringSize);
        }
        this.periodNanos = period.toNanos();
        this.ringSize = ringSize;
    }

    /** @return the JVM's sampler ({@link #PERIOD}, {@link #RING}) */
    public static StatsSampler global() {
        return GLOBAL;
    }

    /**
     * Samples the live entries of {@code scope} (and the scopes below it) from now on, and calls {@code afterRound}
     * after each round, on the sampler's thread. A first round follows at once.
     *
     * @param afterRound may be {@code null}
     * @return closing it ends the subscription; the last one to end stops the sampling and forgets the samples
     */
    public LiveSubscription subscribe(LiveRegistry scope, Runnable afterRound) {
        Subscription subscription = new Subscription(scope, afterRound);
        subscription.listener = scope.addListener(new LiveListener() {
            @Override
            public void started(LiveEntry entry) {
                wake();
            }

            @Override
            public void ended(LiveEntry entry) {
            }
        });
        synchronized (lock) {
            subscriptions.add(subscription);
        }
        wake();
        return subscription;
    }

    /** @return the samples kept of {@code entry}, oldest first; empty unless it is live in a subscribed scope */
    public List<LiveSnapshot> samples(LiveEntry entry) {
        synchronized (lock) {
            ArrayDeque<LiveSnapshot> ring = rings.get(entry.id());
            return ring == null ? List.of() : new ArrayList<>(ring);
        }
    }

    /** @return the newest sample of {@code entry}, or {@code null} if there is none */
    public LiveSnapshot latest(LiveEntry entry) {
        synchronized (lock) {
            ArrayDeque<LiveSnapshot> ring = rings.get(entry.id());
            return ring == null ? null : ring.peekLast();
        }
    }

    /** @return outputs per second of {@code entry} between its oldest and newest samples; 0 with fewer than two */
    public double rate(LiveEntry entry) {
        return rate(entry, LiveSnapshot::out);
    }

    /** @return outputs per second of the part {@code part} of {@code entry}, as {@link #rate(LiveEntry)} */
    public double rate(LiveEntry entry, String part) {
        return rate(entry, snapshot -> {
            PartSnapshot p = snapshot.part(part);
            return p == null ? 0 : p.out();
        });
    }

    /** @return how fast {@code counter} grows per second between the oldest and newest samples of {@code entry} */
    public double rate(LiveEntry entry, ToLongFunction<LiveSnapshot> counter) {
        LiveSnapshot first;
        LiveSnapshot last;
        synchronized (lock) {
            ArrayDeque<LiveSnapshot> ring = rings.get(entry.id());
            if (ring == null || ring.size() < 2) {
                return 0;
            }
            first = ring.peekFirst();
            last = ring.peekLast();
        }
        return LiveSnapshot.rate(first, last, counter);
    }

    /** Takes one round now, on this thread (waiting for a round under way to end first); see the class comment. */
    public void sampleNow() {
        rounds.lock();
        try {
            round();
        } finally {
            rounds.unlock();
        }
    }

    /** @return whether the sampler's thread is due to take rounds (for specs: it rests when nothing is live) */
    boolean isSampling() {
        synchronized (lock) {
            return next != null;
        }
    }

    private void round() {
        List<Subscription> subscribed;
        synchronized (lock) {
            subscribed = new ArrayList<>(subscriptions);
        }
        Map<Long, LiveEntry> entries = new LinkedHashMap<>();
        for (Subscription subscription : subscribed) {
            for (LiveEntry entry : subscription.scope.live()) {
                entries.put(entry.id(), entry);
            }
        }
        foundNothing = entries.isEmpty();
        Map<Long, LiveSnapshot> taken = new HashMap<>();
        for (LiveEntry entry : entries.values()) {
            try {
                taken.put(entry.id(), entry.snapshot());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "sampling " + entry + " failed", e);
            }
        }
        synchronized (lock) {
            rings.keySet().retainAll(entries.keySet());
            if (!subscriptions.isEmpty()) {
                taken.forEach((id, snapshot) -> {
                    ArrayDeque<LiveSnapshot> ring = rings.computeIfAbsent(id, k -> new ArrayDeque<>(ringSize));
                    if (ring.size() == ringSize) {
                        ring.removeFirst();
                    }
                    ring.addLast(snapshot);
                });
            }
        }
        for (Subscription subscription : subscribed) {
            if (subscription.afterRound != null) {
                try {
                    subscription.afterRound.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a stats subscriber failed", e);
                }
            }
        }
        if (!entries.isEmpty()) {
            schedule(periodNanos);
        }
    }

    /** The sampler thread's round: rests unless {@link #round()} schedules the next one. */
    private void tick() {
        synchronized (lock) {
            next = null; // a thing starting during this round schedules another: none is missed
        }
        sampleNow();
    }

    private void wake() {
        schedule(0);
    }

    /** Schedules a round after {@code delayNanos} unless one is due already or nobody is subscribed. */
    private void schedule(long delayNanos) {
        synchronized (lock) {
            if (next != null || subscriptions.isEmpty()) {
                return;
            }
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, Threads.factory("jobline-stats", false));
                timer.setKeepAliveTime(1, TimeUnit.SECONDS);
                timer.allowCoreThreadTimeOut(true);
                timer.setRemoveOnCancelPolicy(true);
            }
            next = timer.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private final class Subscription implements LiveSubscription {
        final LiveRegistry scope;
        final Runnable afterRound;
        LiveSubscription listener;

        Subscription(LiveRegistry scope, Runnable afterRound) {
            this.scope = scope;
            this.afterRound = afterRound;
        }

        @Override
        public void close() {
            listener.close();
            synchronized (lock) {
                if (!subscriptions.remove(this) || !subscriptions.isEmpty()) {
                    return;
                }
                if (next != null) {
                    next.cancel(false);
                    next = null;
                }
                rings.clear();
            }
        }
    }
}
