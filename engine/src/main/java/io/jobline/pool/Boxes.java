package io.jobline.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;

/** Helpers for a {@link WorkerPool}'s boxes (its inbox, outbox and errbox). */
public final class Boxes {

    private Boxes() {
    }

    /**
     * Removes and returns what is queued in {@code queue} now, in the queue's order (oldest first for a FIFO queue) (Python's {@code iterqueue}). Never
     * blocks: items put while it runs may or may not be included, and an empty queue gives an empty list.
     *
     * @return a new, mutable list
     */
    public static <T> List<T> drain(BlockingQueue<T> queue) {
        Objects.requireNonNull(queue, "queue");
        List<T> items = new ArrayList<>(queue.size());
        queue.drainTo(items);
        return items;
    }
}
