package io.jobline.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The input of a dispatcher stage: numbers the items and sends each to the lane its key picks
 * ({@code floorMod(hash(key), lanes)}), so equal keys share a worker and keep their order.
 *
 * <p>Items go to their lanes in batches, one {@code putAll} per lane per batch. Numbering and enqueueing happen
 * under one lock, which keeps each lane in input order across concurrent producers, and an item is numbered only
 * once its lane has room for it: a numbered item stuck outside every lane could be the one the reorderer waits
 * for, while that lane's worker waits for the reorderer. Room reserved under the lock stays room, since only this
 * inlet adds to the lanes.
 */
final class DispatchInlet implements Inlet {
    private final StageRunner stage;
    private final ItemQueue[] lanes;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    /** Per lane, the items of the batch being dispatched (used under the lock). */
    private final List<List<Object>> groups = new ArrayList<>();
    private final int[] room;
    private long nextSeq;

    DispatchInlet(StageRunner stage, ItemQueue[] lanes, int capacity) {
        this.stage = stage;
        this.lanes = lanes;
        this.capacity = capacity;
        this.room = new int[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            groups.add(new ArrayList<>());
        }
    }

    @Override
    public boolean putAll(List<Object> items) throws InterruptedException {
        KeyFailures failures = new KeyFailures();
        int[] laneOf = lanesOf(items, items.size(), failures);
        lock.lock();
        try {
            int i = 0;
            while (true) {
                i = dispatch(items, laneOf, i);
                if (i < 0) {
                    return false;
                }
                if (i == items.size()) {
                    return true;
                }
                if (!lanes[laneOf[i]].awaitRoom()) {
                    return false;
                }
            }
        } finally {
            lock.unlock();
            failures.report(stage);
        }
    }

    /**
     * The flusher's hand-off: dispatches items from the front while their lanes have room, never blocking (the key
     * function, usually trivial, then runs on the flusher's thread).
     */
    @Override
    public int offer(List<Object> items) {
        if (!lock.tryLock()) {
            return 0;
        }
        KeyFailures failures = new KeyFailures();
        try {
            int n = Math.min(items.size(), roomNow());
            if (n == 0) {
                return 0;
            }
            int dispatched = dispatch(items, lanesOf(items, n, failures), 0);
            return dispatched < 0 ? items.size() : dispatched;
        } finally {
            lock.unlock();
            failures.report(stage);
        }
    }

    /** @return the room of the fullest lane: that many items fit whatever their keys */
    @Override
    public int room() {
        return roomNow();
    }

    private int roomNow() {
        int least = Integer.MAX_VALUE;
        for (ItemQueue lane : lanes) {
            least = Math.min(least, lane.room());
        }
        return least;
    }

    /** @return each item's lane, or -1 where its key failed (noted in {@code failures}: an error of this stage) */
    private int[] lanesOf(List<Object> items, int n, KeyFailures failures) {
        int[] laneOf = new int[n];
        for (int i = 0; i < n; i++) {
            Object item = items.get(i);
            try {
                laneOf[i] = Math.floorMod(Objects.hashCode(stage.spec().by().callOne(item)), lanes.length);
            } catch (Throwable e) {
                laneOf[i] = -1;
                failures.add(item, e);
            }
        }
        return laneOf;
    }

    /**
     * The items whose key failed in one hand-off, reported once the hand-off is done with its list: under
     * {@code errors: 'fail'} a report stops the run, and the stop clears the upstream lists that {@code items} may be.
     */
    private static final class KeyFailures {
        private List<Object> items;
        private List<Throwable> errors;

        void add(Object item, Throwable error) {
            if (items == null) {
                items = new ArrayList<>();
                errors = new ArrayList<>();
            }
            items.add(item);
            errors.add(error);
        }

        void report(StageRunner stage) {
            for (int i = 0; items != null && i < items.size(); i++) {
                stage.keyFailed(items.get(i), errors.get(i));
            }
        }
    }

    /**
     * Numbers the items from {@code from} on while their lanes have room, and puts each lane's share in one go;
     * holds the lock.
     *
     * @return the first item not dispatched (its lane is full), {@code laneOf.length} if all were, -1 if aborted
     */
    private int dispatch(List<Object> items, int[] laneOf, int from) {
        for (int l = 0; l < lanes.length; l++) {
            room[l] = lanes[l].room();
        }
        int i = from;
        for (; i < laneOf.length; i++) {
            int lane = laneOf[i];
            if (lane < 0) {
                continue;
            }
            if (room[lane] == 0) {
                break;
            }
            room[lane]--;
            groups.get(lane).add(new Sequenced(nextSeq++, items.get(i)));
        }
        boolean open = true;
        for (int l = 0; l < lanes.length; l++) {
            List<Object> group = groups.get(l);
            if (!group.isEmpty()) {
                open &= lanes[l].offer(group) == group.size() && !lanes[l].refuses();
                group.clear();
            }
        }
        return open ? i : -1;
    }

    @Override
    public void close() {
        for (ItemQueue lane : lanes) {
            lane.close();
        }
    }

    @Override
    public void abort() {
        for (ItemQueue lane : lanes) {
            lane.abort();
        }
    }

    @Override
    public int size() {
        int size = 0;
        for (ItemQueue lane : lanes) {
            size += lane.size();
        }
        return size;
    }

    @Override
    public int capacity() {
        return capacity;
    }
}
