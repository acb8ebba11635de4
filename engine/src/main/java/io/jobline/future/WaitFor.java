package io.jobline.future;

import io.jobline.util.Failures;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The iterator of {@link Futures#waitFor}: a state machine for inparallel's {@code waitfor} generator that blocks
 * on completion signals instead of polling every millisecond.
 *
 * <p>Each future of the list gets one completion signal, the first time it is seen; the iterator waits on a
 * semaphore those signals release, then rescans the list. A signal from a future the caller removed only causes a
 * rescan.
 */
final class WaitFor<F extends Future<?>> implements Iterator<F> {

    private final List<F> inFlight;
    private final Integer concurrency;
    /** The futures of the list seen so far, with their waiter on the completion signal. */
    private final Map<F, Completion.Registration> watched = new IdentityHashMap<>();
    private final Semaphore completions = new Semaphore(0);
    private final ArrayDeque<F> ready = new ArrayDeque<>();

    /** The last element returned was null, a request for more work, when the list had this many futures. */
    private boolean asked;
    private int sizeWhenAsked;
    private boolean computed;
    private boolean ended;
    private F next;

    WaitFor(List<F> inFlight, Integer concurrency) {
        this.inFlight = inFlight;
        this.concurrency = concurrency;
    }

    /** May block: whether there is a next element depends on the futures and on what the caller added. */
    @Override
    public boolean hasNext() {
        if (!computed && !ended) {
            advance();
        }
        return !ended;
    }

    @Override
    public F next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        computed = false;
        return next;
    }

    private void advance() {
        while (true) {
            if (!ready.isEmpty()) {
                produce(ready.poll());
                return;
            }
            boolean answeredNo = false;
            if (asked) {
                asked = false;
                if (inFlight.size() <= sizeWhenAsked) {
                    if (inFlight.isEmpty()) {
                        ended = true;
                        return;
                    }
                    // The caller has nothing more for now: ask again only after something finishes, never in a loop.
                    answeredNo = true;
                }
            }
            collectDone();
            if (!ready.isEmpty()) {
                continue;
            }
            if (!answeredNo && concurrency != null && inFlight.size() < concurrency) {
                asked = true;
                sizeWhenAsked = inFlight.size();
                produce(null);
                return;
            }
            if (inFlight.isEmpty()) {
                ended = true;
                return;
            }
            awaitCompletion();
        }
    }

    private void produce(F element) {
        next = element;
        computed = true;
    }

    /** Moves the final futures from the list to {@code ready}, in list order; watches the ones seen for the first time. */
    private void collectDone() {
        for (ListIterator<F> it = inFlight.listIterator(); it.hasNext(); ) {
            F future = it.next();
            if (future.isDone()) {
                it.remove();
                Completion.Registration registration = watched.remove(future);
                if (registration != null) {
                    registration.close();
                }
                ready.add(future);
            } else if (!watched.containsKey(future)) {
                watched.put(future, Completion.whenDone(future, completions::release));
            }
        }
        if (watched.size() > inFlight.size()) {
            // The caller removed futures of its own: forget them (and take our waiter off), so they are not kept
            // alive here.
            Set<F> listed = Collections.newSetFromMap(new IdentityHashMap<>());
            listed.addAll(inFlight);
            watched.entrySet().removeIf(entry -> {
                boolean gone = !listed.contains(entry.getKey());
                if (gone) {
                    entry.getValue().close();
                }
                return gone;
            });
        }
    }

    private void awaitCompletion() {
        try {
            completions.acquire();
        } catch (InterruptedException e) {
            throw Failures.interrupted("waitFor", e);
        }
        // The rescan that follows sees every completion signalled so far.
        completions.drainPermits();
    }
}
