package io.jobline.live;

import java.util.List;

/**
 * What a front end registers in a {@link LiveRegistry} for each run, executor, pool, farm job … it starts: an adapter
 * over its own object. The registry holds it only while it is live; once {@link LiveHandle#end()} is called it keeps
 * the last {@link #snapshot()} and drops the thing (and with it the thing's queues, threads and outputs).
 *
 * <p>Every method may be called from any thread, at any time, also concurrently with the thing ending; none may
 * block (they are called by views and by the sampler a few times a second).
 */
public interface LiveThing {

    /** @return what it is: {@code "run"}, {@code "executor"}, {@code "pool"}, {@code "farm job"}, {@code "backend"} … */
    String kind();

    /** @return its name for people (a pipeline's name, a pool's name …); never {@code null} */
    String name();

    /** @return where it is now */
    LiveState state();

    /** @return its counters now; never blocks */
    LiveSnapshot snapshot();

    /**
     * Asks it to stop: pending work is dropped, running work interrupted. Never blocks the caller (teardown that
     * waits happens elsewhere).
     *
     * @return whether this call stopped it ({@code false} if it had ended already)
     */
    boolean cancel();

    /** @return the parts that {@link #resize} accepts, e.g. a run's stage names; empty if it cannot be resized */
    default List<String> parts() {
        return List.of();
    }

    /**
     * Sets the size (threads, workers) of one part while it runs.
     *
     * @throws IllegalArgumentException for an unknown part or an invalid size, saying what is valid
     * @throws UnsupportedOperationException if this kind of thing cannot be resized
     */
    default void resize(String part, int size) {
        String kind = kind();
        throw new UnsupportedOperationException(("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind
                + " cannot be resized");
    }

    /**
     * Starts recording for a report (the workers' busy intervals …) and returns what to read it from; called at most
     * once, by a recorder, typically from a {@link LiveListener#started} (before the thing's workers start). Until
     * then the thing records nothing. By default a thing keeps no record.
     *
     * @return the record, or {@code null} if this kind of thing keeps none
     */
    default LiveRecord record() {
        return null;
    }
}
