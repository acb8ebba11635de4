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

    /** No more items will come; consumers see the end once they have taken what is queued. */
    void close();

    /** The run stopped: wake everyone, accept nothing, hand out nothing more. */
    void abort();

    /**
     * @return whether the consumers have nothing queued (or are waiting), so a producer should hand on what it has
     * instead of gathering more (a racy hint: it only decides when to hand on, never whether)
     */
    boolean hungry();

    /** @return items waiting */
    int size();

    /** @return the most items that may wait */
    int capacity();
}
