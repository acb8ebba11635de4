package io.jobline.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts the outputs of an ordered stage back into input order before they go downstream (jobq's coordinator).
 *
 * <p>Workers deposit a slice of an {@link Outbox}: the outputs of one or more runs of consecutive inputs,
 * {@code [seq, seq + count)}, in one lock round-trip. The runs that are next go downstream at once, in one
 * {@code putAll} together with every held run that has become consecutive behind them; the others are held back.
 * Memory stays bounded: a worker none of whose runs is next waits while {@code limit} inputs are already held back.
 * That cannot deadlock: the run that is next is held here (and whoever comes next forwards it), or by a worker
 * that is still processing it (workers take runs in order; a dispatcher numbers an item only once its lane has
 * room), whose deposit never waits.
 *
 * <p>The run's {@link Flusher} hands on the finished outputs of a worker stuck in an item with {@link #offer},
 * which never blocks: they are held, and forwarded as far as the downstream has room now; {@link #tryDrain} forwards
 * more later. This stage is the only producer of its downstream, so room seen under this lock stays room.
 */
final class Reorderer {

    private final Inlet downstream;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    /** Held runs by their first input's sequence number: slot {@code seq & mask}, for {@code seq - next < length}. */
    private int[] heldInputs = new int[64];
    /** Per held run: how many outputs; 1: {@link #heldOne} has it; more: {@link #heldMany}. */
    private int[] heldOutputs = new int[64];
    private Object[] heldOne = new Object[64];
    private Object[][] heldMany = new Object[64][];
    private long furthest = -1;
    private long next;
    private int held;
    private boolean aborted;
    private final List<Object> forward = new ArrayList<>();

    Reorderer(Inlet downstream, int limit) {
        this.downstream = downstream;
        this.limit = limit;
    }

    /**
     * Takes a worker's outputs, blocking while none of its runs is next and {@code limit} inputs are held back, and
     * while the downstream has no room for what becomes consecutive. Copies what must wait.
     *
     * @return false if the run was aborted
     */
    boolean deposit(Outbox.Slice slice) throws InterruptedException {
        lock.lock();
        try {
            while (!aborted && held >= limit && !hasNext(slice) && !isHeld(next)) {
                room.await();
            }
            if (aborted) {
                return false;
            }
            for (int i = slice.fromItem; i < slice.toItem; ) {
                int j = runEnd(slice, i);
                long seq = slice.seq(i);
                if (seq == next) {
                    // The common case: straight on, no copy.
                    for (int o = slice.start(i), end = slice.end(j - 1); o < end; o++) {
                        forward.add(slice.output(o));
                    }
                    next += j - i;
                } else {
                    hold(seq, j - i, slice, slice.start(i), slice.end(j - 1));
                }
                gather(Integer.MAX_VALUE);
                i = j;
            }
            return handOnGathered();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The flusher's hand-off: holds the slice's items and forwards what is consecutive as far as the downstream has
     * room now. Never blocks.
     *
     * @return how many of the slice's outputs it took (all of them), or -1 if another thread has the reorderer now
     */
    int offer(Outbox.Slice slice) {
        if (!lock.tryLock()) {
            return -1;
        }
        try {
            if (!aborted) {
                for (int i = slice.fromItem; i < slice.toItem; ) {
                    int j = runEnd(slice, i);
                    hold(slice.seq(i), j - i, slice, slice.start(i), slice.end(j - 1));
                    i = j;
                }
                forwardWithoutBlocking();
            }
            return slice.toOutput - slice.fromOutput;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The flusher's tick: forwards held runs that are next, as far as the downstream has room now. Never blocks.
     *
     * @return whether a run that is next was held
     */
    boolean tryDrain() {
        if (lock.tryLock()) {
            try {
                if (!aborted && isHeld(next)) {
                    forwardWithoutBlocking();
                    return true;
                }
            } finally {
                lock.unlock();
            }
        }
        return false;
    }

    /**
     * Forwards every held run that is next, blocking for room: the stage's last worker calls it before the end of the
     * stage goes downstream, so that nothing the flusher left here is lost.
     *
     * @return false if the run was aborted
     */
    boolean drain() throws InterruptedException {
        lock.lock();
        try {
            if (aborted) {
                return false;
            }
            gather(Integer.MAX_VALUE);
            return handOnGathered();
        } finally {
            lock.unlock();
        }
    }

    void abort() {
        lock.lock();
        try {
            aborted = true;
            Arrays.fill(heldInputs, 0);
            Arrays.fill(heldOne, null);
            Arrays.fill(heldMany, null);
            held = 0;
            forward.clear();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean hasNext(Outbox.Slice slice) {
        for (int i = slice.fromItem; i < slice.toItem; i++) {
            if (slice.seq(i) == next) {
                return true;
            }
        }
        return false;
    }

    /** @return the end of the run of consecutive inputs that starts at item {@code i} */
    private static int runEnd(Outbox.Slice slice, int i) {
        int j = i + 1;
        while (j < slice.toItem && slice.seq(j) == slice.seq(j - 1) + 1) {
            j++;
        }
        return j;
    }

    private boolean isHeld(long seq) {
        return seq <= furthest && seq - next < heldInputs.length && heldInputs[slot(seq)] != 0;
    }

    private int slot(long seq) {
        return (int) seq & (heldInputs.length - 1);
    }

    private void hold(long seq, int count, Outbox.Slice slice, int from, int to) {
        while (seq - next >= heldInputs.length) {
            growRing();
        }
        int s = slot(seq);
        heldInputs[s] = count;
        int n = to - from;
        heldOutputs[s] = n;
        if (n == 1) {
            heldOne[s] = slice.output(from);
        } else if (n > 1) {
            heldMany[s] = slice.outputs(from, to).toArray();
        }
        held += count;
        furthest = Math.max(furthest, seq);
    }

    /** Moves held runs that are next into {@link #forward} while their outputs fit in {@code room} more. */
    private void gather(int room) {
        while (isHeld(next)) {
            int s = slot(next);
            int n = heldOutputs[s];
            if (forward.size() + n > room) {
                return;
            }
            if (n == 1) {
                forward.add(heldOne[s]);
                heldOne[s] = null;
            } else if (n > 1) {
                forward.addAll(Arrays.asList(heldMany[s]));
                heldMany[s] = null;
            }
            int count = heldInputs[s];
            heldInputs[s] = 0;
            held -= count;
            next += count;
        }
    }

    private boolean handOnGathered() throws InterruptedException {
        boolean open = forward.isEmpty() || downstream.putAll(forward);
        forward.clear();
        room.signalAll();
        return open;
    }

    private void forwardWithoutBlocking() {
        gather(downstream.room());
        if (!forward.isEmpty()) {
            downstream.offer(forward); // takes all: it had the room, and only this stage adds to it
            forward.clear();
        }
        room.signalAll();
    }

    private void growRing() {
        int length = heldInputs.length * 2;
        int[] inputs = new int[length];
        int[] outputs = new int[length];
        Object[] one = new Object[length];
        Object[][] many = new Object[length][];
        for (int i = 0; i < heldInputs.length; i++) {
            if (heldInputs[i] != 0) {
                // Every held seq is in [next, next + old length): recover it from its slot.
                long seq = next + ((i - (int) next) & (heldInputs.length - 1));
                int s = (int) seq & (length - 1);
                inputs[s] = heldInputs[i];
                outputs[s] = heldOutputs[i];
                one[s] = heldOne[i];
                many[s] = heldMany[i];
            }
        }
        heldInputs = inputs;
        heldOutputs = outputs;
        heldOne = one;
        heldMany = many;
    }
}
