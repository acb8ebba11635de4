package io.jobline.future;

import io.jobline.util.Options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waiting for many futures: {@code as_completed} and {@code wait} of Python's {@code concurrent.futures}, and
 * {@code waitfor} of inparallel. Static methods, meant to be imported statically (job scripts get them without
 * imports).
 *
 * <p><b>Blocking.</b> Every method here blocks on completion signals, never by polling or sleeping. A future that
 * is final already counts at once. A future gets at most one completion callback however often it is waited for,
 * and a {@code wait} that returns (satisfied, timed out or interrupted) takes its waiters off again, so a loop of
 * timed waits leaves nothing behind. A {@code java.util.concurrent.Future} that is not a
 * {@link java.util.concurrent.CompletionStage} (a {@link java.util.concurrent.FutureTask}, say) has no callbacks:
 * {@code wait} and {@code waitFor} watch it with one thread blocked in its {@code get()} (a virtual thread where the
 * JVM has them), one per future until it is final, not one per wait.
 *
 * <p><b>Timeouts</b> are a Number of seconds or a {@link Duration}, counted from the call; {@code null} means no
 * timeout, {@code 0} means "do not wait". A negative timeout, or anything else, is an
 * {@link IllegalArgumentException}.
 *
 * <p><b>Interruption.</b> The {@code wait} methods throw {@link InterruptedException}. The iterators of
 * {@link #asCompleted} and {@link #waitFor}, which cannot, set the interrupt status again and throw
 * {@link java.util.concurrent.CancellationException}.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * The futures in the order they become final: those final already first (in collection order), then each as it
     * completes. A future given twice is yielded once. Iterating blocks until the next one is final.
     *
     * @return an Iterable; each of its iterators registers its own callbacks and yields every future once
     */
    public static <F extends CompletableFuture<?>> Iterable<F> asCompleted(Collection<? extends F> futures) {
        return new AsCompleted<>(futures, null);
    }

    /**
     * {@link #asCompleted(Collection)} with a timeout counted from this call: when the next future is not final
     * by then, the iterator's {@code next()} throws a {@link java.util.concurrent.CompletionException} whose cause
     * is a {@link java.util.concurrent.TimeoutException}.
     *
     * @param timeout seconds (a Number) or a Duration; {@code null} for none
     */
    public static <F extends CompletableFuture<?>> Iterable<F> asCompleted(Collection<? extends F> futures,
                                                                          Object timeout) {
        long nanos = timeoutNanos(timeout);
        return new AsCompleted<>(futures, nanos < 0 ? null : System.nanoTime() + nanos);
    }

    /** {@code wait(futures, ALL_COMPLETED, null)}. */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<? extends F> futures)
            throws InterruptedException {
        return wait(futures, WaitMode.ALL_COMPLETED, null);
    }

    /** {@code wait(futures, mode, null)}: no timeout. */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<? extends F> futures, WaitMode mode)
            throws InterruptedException {
        return wait(futures, mode, null);
    }

    /**
     * Waits until {@code mode} is satisfied or the timeout passes, whichever comes first; a timeout is not an error
     * (look at {@link DoneAndNotDone#getNotDone()}).
     *
     * @param mode    when to return; see {@link WaitMode}
     * @param timeout seconds (a Number) or a Duration; {@code null} for none, {@code 0} to just look
     * @return the futures final at return, and the others, in collection order (duplicates once)
     */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<? extends F> futures, WaitMode mode,
                                                               Object timeout) throws InterruptedException {
        if (mode == null) {
            throw new IllegalArgumentException("mode: must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got null");
        }
        long nanos = timeoutNanos(timeout);
        Set<F> distinct = new LinkedHashSet<>(futures);
        if (nanos != 0 && !satisfied(distinct, mode)) {
            CountDownLatch satisfied = new CountDownLatch(1);
            AtomicInteger unfinished = new AtomicInteger(distinct.size());
            List<Completion.Registration> registrations = new ArrayList<>(distinct.size());
            try {
                for (F future : distinct) {
                    registrations.add(Completion.whenDone(future, () -> {
                        boolean enough = mode == WaitMode.FIRST_COMPLETED
                                || mode == WaitMode.FIRST_EXCEPTION && Completion.failed(future);
                        if (unfinished.decrementAndGet() == 0 || enough) {
                            satisfied.countDown();
                        }
                    }));
                }
                if (nanos < 0) {
                    satisfied.await();
                } else {
                    satisfied.await(nanos, TimeUnit.NANOSECONDS);
                }
            } finally {
                // Whatever ended the wait, nothing of it stays on the futures.
                registrations.forEach(Completion.Registration::close);
            }
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> notDone = new LinkedHashSet<>();
        for (F future : distinct) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }

    /** Waits until every future is final. */
    public static <F extends Future<?>> DoneAndNotDone<F> waitAll(Collection<? extends F> futures)
            throws InterruptedException {
        return wait(futures, WaitMode.ALL_COMPLETED, null);
    }

    /** Waits until every future is final, or the timeout passes. */
    public static <F extends Future<?>> DoneAndNotDone<F> waitAll(Collection<? extends F> futures, Object timeout)
            throws InterruptedException {
        return wait(futures, WaitMode.ALL_COMPLETED, timeout);
    }

    /** Waits until any future is final (at once for an empty collection). */
    public static <F extends Future<?>> DoneAndNotDone<F> waitAny(Collection<? extends F> futures)
            throws InterruptedException {
        return wait(futures, WaitMode.FIRST_COMPLETED, null);
    }

    /** Waits until any future is final, or the timeout passes. */
    public static <F extends Future<?>> DoneAndNotDone<F> waitAny(Collection<? extends F> futures, Object timeout)
            throws InterruptedException {
        return wait(futures, WaitMode.FIRST_COMPLETED, timeout);
    }

    /** {@code waitFor(inFlight, null)}: yields the futures of {@code inFlight} as they finish, never {@code null}. */
    public static <F extends Future<?>> Iterable<F> waitFor(List<F> inFlight) {
        return waitFor(inFlight, null);
    }

    /** Groovy's {@code waitFor(inFlight, concurrency: 3)}; the only option is {@code concurrency}. */
    public static <F extends Future<?>> Iterable<F> waitFor(Map<String, ?> options, List<F> inFlight) {
        Options.requireKnown(options, Set.of("concurrency"), "waitFor option");
        Object concurrency = options == null ? null : options.get("concurrency");
        return waitFor(inFlight, concurrency == null ? null : Options.intAtLeast("concurrency", concurrency, 1));
    }

    /**
     * inparallel's {@code waitfor}: manages a mutable list of futures in flight, without busy-waiting.
     *
     * <p>Each iteration step removes the futures of {@code inFlight} that are final (in list order) from the list,
     * in place, and yields them one by one. When none is final it blocks until one is; it never polls or sleeps.
     *
     * <p>Without a concurrency it ends when the list is empty, and never yields {@code null}.
     *
     * <p>With a concurrency, while fewer than {@code concurrency} futures are in the list it yields {@code null}:
     * a request to add more work to the list. It keeps asking while the caller adds and the list is still below
     * {@code concurrency}. When the caller adds nothing in answer to a {@code null}, it waits for the next future to
     * finish before asking again (so a caller with no more work never spins), and when the list is then empty it
     * ends: the {@code null} for an empty list is the last one, unless the caller adds work in answer to it.
     *
     * <p>The list may be any mutable List; only the iterating thread may change it while iterating. Futures the
     * caller adds (in answer to a {@code null}, or at any time) are picked up at the next step. Futures other than
     * {@link java.util.concurrent.CompletionStage}s (e.g. a {@link java.util.concurrent.FutureTask}) are watched by
     * a thread blocked in their {@code get()}.
     *
     * @param inFlight    the futures in flight; changed in place
     * @param concurrency the number of futures to keep in flight, at least 1; {@code null} for none
     * @return an Iterable whose iterators block in {@code hasNext()} until they know the next element
     * @throws IllegalArgumentException if {@code concurrency} is below 1
     */
    public static <F extends Future<?>> Iterable<F> waitFor(List<F> inFlight, Integer concurrency) {
        if (inFlight == null) {
            throw new IllegalArgumentException("inFlight: must be a mutable List of futures, got null");
        }
        if (concurrency != null) {
            Options.intAtLeast("concurrency", concurrency, 1);
        }
        return () -> new WaitFor<>(inFlight, concurrency);
    }

    private static boolean satisfied(Set<? extends Future<?>> futures, WaitMode mode) {
        int done = 0;
        for (Future<?> future : futures) {
            if (future.isDone()) {
                if (mode == WaitMode.FIRST_COMPLETED || mode == WaitMode.FIRST_EXCEPTION && Completion.failed(future)) {
                    return true;
                }
                done++;
            }
        }
        return done == futures.size();
    }

    /** @return the timeout in nanoseconds, 0 for "do not wait", -1 for none */
    private static long timeoutNanos(Object timeout) {
        if (timeout == null) {
            return -1;
        }
        if (timeout instanceof Number && ((Number) timeout).doubleValue() == 0 || Duration.ZERO.equals(timeout)) {
            return 0;
        }
        return Options.duration("timeout", timeout).toNanos();
    }
}
