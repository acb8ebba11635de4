package io.jobline.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A live thing as commands and views see it, live or finished. A finished entry keeps only its final state and
 * snapshot (never the thing's machinery); cancelling or resizing it does nothing. Thread-safe; no method blocks.
 */
public interface LiveEntry {

    /** @return a number unique in this JVM, given at registration, ascending in registration order */
    long id();

    String kind();

    String name();

    /** @return the entry this one belongs to (a run's backend entry names its run), or {@code null} */
    LiveEntry parent();

    /** @return the thing's state while live, its final state once finished */
    LiveState state();

    /** @return whether it is live (registered and not ended) */
    boolean isLive();

    /** @return its counters now while live; the final ones once finished */
    LiveSnapshot snapshot();

    /** @return when it was registered */
    Instant started();

    /** @return time since it was registered, or how long it lived once finished */
    Duration elapsed();

    /** @return whether this call stopped it; {@code false} once finished */
    boolean cancel();

    /** @return the parts {@link #resize} accepts; empty once finished */
    List<String> parts();

    /**
     * @throws IllegalArgumentException      for an unknown part or invalid size
     * @throws UnsupportedOperationException if it cannot be resized
     * @throws IllegalStateException         once finished
     */
    void resize(String part, int size);

    /**
     * Asks the thing to record for a report; see {@link LiveThing#record()}. Repeated calls return the same record.
     *
     * @return the record, or {@code null} once finished or if the thing keeps none
     */
    LiveRecord record();
}
