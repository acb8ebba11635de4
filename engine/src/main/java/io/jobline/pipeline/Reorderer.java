package io.jobline.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts the outputs of an ordered stage back into input order before they go downstream (jobq's coordinator).
 *
 * <p>Workers deposit the outputs of a run of consecutive inputs, {@code [seq, seq + count)}. Whoever deposits the
 * next expected run forwards it and every run that has become consecutive behind it. Memory stays bounded: a worker
 * whose run is not next waits while {@code limit} inputs are already held back. That cannot deadlock, because
 * the run that is next is always held by a worker that is still processing it (workers take runs in order).
 */
final class Reorderer {

    private final Inlet downstream;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Map<Long, Held> held = new HashMap<>();
    private long next;
    private int heldInputs;
    private boolean aborted;

    Reorderer(Inlet downstream, int limit) {
        this.downstream = downstream;
        this.limit = limit;
    }

    /**
     * @param outputs the outputs of inputs {@code seq .. seq+count-1}, in order; copied if they must wait
     * @return false if the run was aborted
     */
    boolean deposit(long seq, int count, List<Object> outputs) throws InterruptedException {
        lock.lock();
        try {
            while (seq != next && heldInputs >= limit && !aborted) {
                room.await();
            }
            if (aborted) {
                return false;
            }
            if (seq != next) {
                held.put(seq, new Held(count, new ArrayList<>(outputs)));
                heldInputs += count;
                return true;
            }
            if (!outputs.isEmpty() && !downstream.putAll(outputs)) {
                return false;
            }
            next += count;
            Held following;
            while ((following = held.remove(next)) != null) {
                heldInputs -= following.count;
                if (!following.outputs.isEmpty() && !downstream.putAll(following.outputs)) {
                    return false;
                }
                next += following.count;
            }
            room.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void abort() {
        lock.lock();
        try {
            aborted = true;
            held.clear();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static final class Held {
        final int count;
        final List<Object> outputs;

        Held(int count, List<Object> outputs) {
            this.count = count;
            this.outputs = outputs;
        }
    }
}
