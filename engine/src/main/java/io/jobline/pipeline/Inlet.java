package io.jobline.pipeline;

import java.util.List;

/** Where a stage (or the feeder) hands items on: the next stage's input, or the run's results. */
interface Inlet {

    /**
     * Adds {@code items} in order, blocking while there is no room.
     *
     * @return false if the run was aborted (the items were not all taken)
     */
    boolean putAll(List<Object> items) throws InterruptedException;

    /**
     * Adds items from the front of {@code items}, in order, as far as there is room now; never blocks (the
     * {@link Flusher}'s hand-off, which must not wait for one stage while another's outputs are due).
     *
     * @return how many were taken: all of them if the run was aborted (they are dropped with it)
     */
    int offer(List<Object> items);

    /** @return how many items {@link #offer} would take now, at least (a producer that is the only one knows it can) */
    int room();

    /** No more items will come; consumers see the end once they have taken what is queued. */
    void close();

    /** The run stopped: wake everyone, accept nothing, hand out nothing more. */
    void abort();

    /** @return items waiting */
    int size();

    /** @return the most items that may wait */
    int capacity();
}
