package io.jobline.executor;

import java.util.List;

/** A {@link ChunkCall} whose item failed: the failure is the cause, the results of the items before it are kept. */
final class ChunkFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<Object> completed;

    ChunkFailure(List<Object> completed, Throwable cause) {
        // No stack trace of its own: the cause's is the one that matters.
        super("map item " + completed.size() + " of its chunk failed", cause, false, false);
        this.completed = completed;
    }

    List<Object> getCompleted() {
        return completed;
    }
}
