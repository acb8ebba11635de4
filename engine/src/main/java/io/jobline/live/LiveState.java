package io.jobline.live;

/** Where a live thing is. PENDING or RUNNING until it reaches one of the final states, once. */
public enum LiveState {
    /** Registered, not started yet (a farm job waiting in the queue). */
    PENDING,
    /** Working. */
    RUNNING,
    /** Ended normally. */
    DONE,
    /** Ended by a failure. */
    FAILED,
    /** Ended by {@link LiveThing#cancel()}. */
    CANCELLED,
    /** Ended because its time limit passed. */
    TIMED_OUT;

    /** @return whether this state is final */
    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    /** @return the state of the same name; for front ends whose own state enum uses these names */
    public static LiveState of(Enum<?> state) {
        return valueOf(state.name());
    }
}
