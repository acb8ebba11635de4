package io.jobline.backend;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A backend's life: OPEN (takes work) → DRAINING ({@link Drainable#drain}: no new work, what was taken still runs) →
 * CLOSED ({@link Backend#close}: no new work, nothing more starts). It only moves forward. Thread-safe; every
 * transition is atomic.
 */
public final class Lifecycle {

    public enum State { OPEN, DRAINING, CLOSED }

    private final String backend;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

    /** @param backend the backend's name for messages: {@code thread}, {@code process} … */
    public Lifecycle(String backend) {
        this.backend = backend;
    }

    public State state() {
        return state.get();
    }

    public boolean isOpen() {
        return state.get() == State.OPEN;
    }

    /** @throws IllegalStateException ({@link #closedError()}) unless OPEN */
    public void checkOpen() {
        if (state.get() != State.OPEN) {
            throw closedError();
        }
    }

    /** @return the error a refused submission throws */
    public IllegalStateException closedError() {
        return new IllegalStateException("the " + backend + " backend is closed; it accepts no more work");
    }

    /** OPEN → DRAINING. @return whether this call made the move */
    public boolean drain() {
        return state.compareAndSet(State.OPEN, State.DRAINING);
    }

    /** Any → CLOSED. @return the state before */
    public State close() {
        return state.getAndSet(State.CLOSED);
    }

    /** @return {@code ""} while open, else {@code ", draining"} or {@code ", closed"}, for {@code toString()} */
    public String describe() {
        State now = state.get();
        return now == State.OPEN ? "" : now == State.DRAINING ? ", draining" : ", closed";
    }
}
