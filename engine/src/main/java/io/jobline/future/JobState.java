package io.jobline.future;

/** Where a {@link JobFuture} is in its life. Only moves forward: PENDING, then RUNNING, then one of the final three. */
public enum JobState {
    /** Accepted, not started (queued, or in a batch that is not committed yet). */
    PENDING,
    /** A worker is running it. */
    RUNNING,
    /** Finished with a result. */
    DONE,
    /** Finished with an exception. */
    FAILED,
    /** Cancelled before it finished. */
    CANCELLED;

    /** @return whether this state is final */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
