package io.jobline.pipeline;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The input of a dispatcher stage: numbers the items and sends each to the lane its key picks
 * ({@code floorMod(hash(key), lanes)}), so equal keys share a worker and keep their order.
 */
final class DispatchInlet implements Inlet {
    private final StageRunner stage;
    private final ItemQueue[] lanes;
    private final int capacity;
    private long nextSeq;

    DispatchInlet(StageRunner stage, ItemQueue[] lanes, int capacity) {
        this.stage = stage;
        this.lanes = lanes;
        this.capacity = capacity;
    }

    @Override
    public boolean putAll(List<Object> items) throws InterruptedException {
        int[] laneOf = new int[items.size()];
        for (int i = 0; i < laneOf.length; i++) {
            Object item = items.get(i);
            try {
                laneOf[i] = Math.floorMod(Objects.hashCode(stage.spec().by().callOne(item)), lanes.length);
            } catch (Throwable e) {
                laneOf[i] = -1;
                stage.keyFailed(item, e);
            }
        }
        // Numbering and enqueueing under one lock keeps each lane in input order across concurrent producers.
        // An item is numbered only once its lane has room: a numbered item stuck outside every lane could be
        // the one the reorderer waits for, while that lane's worker waits for the reorderer.
        synchronized (this) {
            for (int i = 0; i < laneOf.length; i++) {
                if (laneOf[i] < 0) {
                    continue;
                }
                ItemQueue lane = lanes[laneOf[i]];
                if (!lane.awaitRoom()
                        || !lane.putAll(Collections.singletonList(new Sequenced(nextSeq++, items.get(i))))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean hungry() {
        for (ItemQueue lane : lanes) {
            if (lane.hungry()) {
                return true;
            }
        }
        return false;
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
