package io.jobline.pipeline;

import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded FIFO of items that hands items on in batches: one lock round-trip and at most one wake-up moves many
 * items, which is where a pipeline beats a naive per-item queue loop.
 *
 * <p>The queue numbers the items it hands out: {@link #take} returns the sequence number of the first item taken,
 * so an ordered stage knows each item's place without wrapping it.
 *
 * <p>Closing lets consumers take what is left and then see {@link #EOF}; aborting makes everyone see the end at
 * once; sealing refuses new items but lets consumers drain. {@link #wakeAll()} makes blocked consumers return {@link #WOKEN}, so surplus workers can retire while the
 * queue is idle. {@link #unbounded()} lifts the capacity for good (used for results nobody is reading).
 */
final class ItemQueue implements Inlet {

    /** {@link #take} result: the queue is closed and empty, or aborted. */
    static final long EOF = -1;
    /** {@link #take} result: {@link #wakeAll()} was called while waiting. */
    static final long WOKEN = -2;
    /** {@link #poll} result: nothing to take now. */
    static final long NONE = -3;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final int capacity;
    private Object[] ring;
    private int head;
    /** Written under the lock; volatile so that {@link #room()} can read it without the lock. */
    private volatile int count;
    private long taken;
    /** Volatile so that {@link #room()} can read it without the lock. */
    private volatile boolean unbounded;
    private boolean closed;
    private boolean sealed;
    private boolean aborted;
    private int wakeGeneration;
    private int waitingTakers;
    private int waitingPutters;

    ItemQueue(int capacity) {
        this.capacity = capacity;
        this.ring = new Object[capacity];
    }

    @Override
    public boolean putAll(List<Object> items) throws InterruptedException {
        int n = items.size();
        int i = 0;
        lock.lock();
        try {
            while (i < n) {
                if (aborted || sealed) {
                    return false;
                }
                if (closed) {
                    throw new IllegalStateException("input is closed: no more items can be put");
                }
                int room = unbounded ? n - i : capacity - count;
                if (room <= 0) {
                    waitingPutters++;
                    try {
                        notFull.await();
                    } finally {
                        waitingPutters--;
                    }
                    continue;
                }
                int m = Math.min(room, n - i);
                append(items, i, m);
                i += m;
            }
            return !(aborted || sealed);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int offer(List<Object> items) {
        lock.lock();
        try {
            if (aborted || sealed) {
                return items.size();
            }
            if (closed) {
                throw new IllegalStateException("input is closed: no more items can be put");
            }
            int m = unbounded ? items.size() : Math.min(items.size(), capacity - count);
            if (m <= 0) {
                return 0;
            }
            append(items, 0, m);
            return m;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int room() {
        return unbounded ? Integer.MAX_VALUE : Math.max(0, capacity - count);
    }

    /**
     * Takes up to {@code max} items into {@code out}, and no more than a fair share ({@code size / sharers}, at least
     * one) so that slow items spread over all workers. Blocks while the queue is empty and open.
     *
     * @return the sequence number of the first item taken, {@link #EOF} or {@link #WOKEN}
     */
    long take(List<Object> out, int max, int sharers) throws InterruptedException {
        lock.lock();
        try {
            int generation = wakeGeneration;
            while (count == 0 || aborted) {
                if (aborted || closed || sealed) {
                    return EOF;
                }
                if (generation != wakeGeneration) {
                    return WOKEN;
                }
                waitingTakers++;
                try {
                    notEmpty.await();
                } finally {
                    waitingTakers--;
                }
            }
            return takeNow(out, max, sharers);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #take}, but never blocks: for a worker that has calls in flight and must not wait for input while
     * their results are due.
     *
     * @return the sequence number of the first item taken, {@link #NONE} when there is nothing now, or {@link #EOF}
     */
    long poll(List<Object> out, int max, int sharers) {
        lock.lock();
        try {
            if (aborted || (count == 0 && (closed || sealed))) {
                return EOF;
            }
            return count == 0 ? NONE : takeNow(out, max, sharers);
        } finally {
            lock.unlock();
        }
    }

    /** Takes at least one item; holds the lock, and count > 0. */
    private long takeNow(List<Object> out, int max, int sharers) {
        int k = Math.min(max, Math.max(1, count / Math.max(1, sharers)));
        int length = ring.length;
        for (int j = 0; j < k; j++) {
            out.add(ring[head]);
            ring[head] = null;
            head = (head + 1) % length;
        }
        count -= k;
        long first = taken;
        taken += k;
        if (waitingPutters > 0) {
            notFull.signalAll();
        }
        if (count > 0 && waitingTakers > 0) {
            notEmpty.signal();
        }
        return first;
    }

    /**
     * Blocks until there is room for one more item. Only meaningful to a sole producer (the dispatcher holds a lock
     * around it), which then knows its next put will not block.
     *
     * @return false if the queue was aborted or sealed
     */
    boolean awaitRoom() throws InterruptedException {
        lock.lock();
        try {
            while (!unbounded && count >= capacity && !aborted && !sealed) {
                waitingPutters++;
                try {
                    notFull.await();
                } finally {
                    waitingPutters--;
                }
            }
            return !(aborted || sealed);
        } finally {
            lock.unlock();
        }
    }

    /** @return whether puts are refused (aborted or sealed): what an {@link #offer} took was dropped */
    boolean refuses() {
        lock.lock();
        try {
            return aborted || sealed;
        } finally {
            lock.unlock();
        }
    }

    /** Lets every blocked {@link #take} return {@link #WOKEN}. */
    void wakeAll() {
        lock.lock();
        try {
            wakeGeneration++;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** From now on {@link #putAll} never blocks. */
    void unbounded() {
        lock.lock();
        try {
            unbounded = true;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further items (puts return false) but lets consumers take what is queued, then see the end. */
    void seal() {
        lock.lock();
        try {
            sealed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abort() {
        lock.lock();
        try {
            aborted = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Adds {@code items[from, from + m)}; holds the lock, and there is room. */
    private void append(List<Object> items, int from, int m) {
        ensureRing(count + m);
        int length = ring.length;
        int tail = head + count;
        for (int j = 0; j < m; j++) {
            ring[(tail + j) % length] = items.get(from + j);
        }
        count += m;
        wakeTakers(m);
    }

    private void wakeTakers(int added) {
        if (waitingTakers == 0) {
            return;
        }
        if (added >= waitingTakers) {
            notEmpty.signalAll();
        } else {
            for (int j = 0; j < added; j++) {
                notEmpty.signal();
            }
        }
    }

    private void ensureRing(int needed) {
        if (needed <= ring.length) {
            return;
        }
        Object[] bigger = new Object[Math.max(needed, ring.length * 2)];
        for (int j = 0; j < count; j++) {
            bigger[j] = ring[(head + j) % ring.length];
        }
        ring = bigger;
        head = 0;
    }
}
