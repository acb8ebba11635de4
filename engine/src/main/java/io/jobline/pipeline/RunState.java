package io.jobline.pipeline;

/** Where a {@link Run} is. RUNNING until it becomes one of the final states, once. */
public enum RunState {
    /** Taking input and processing items. */
    RUNNING,
    /** Every input went through: each is an output, a drop or a reported error. */
    DONE,
    /** Stopped by an error under {@link ErrorPolicy#FAIL}, or because reading the input failed. */
    FAILED,
    /** Stopped by {@link Run#cancel()}. */
    CANCELLED,
    /** Stopped because its {@code timeout} passed. */
    TIMED_OUT;

    /** @return whether this state is final */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
