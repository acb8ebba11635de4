package io.jobline.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Rethrows a work item's failure from places that cannot declare checked exceptions (an {@link java.util.Iterator},
 * a callback), keeping the original exception object and its stack trace.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * @return the exception to throw for {@code failure}: itself when unchecked, else a {@link CompletionException}
     * whose cause it is (the convention of {@link java.util.concurrent.CompletableFuture#join()})
     * @throws Error {@code failure} itself, when it is an Error
     */
    public static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        return new CompletionException(failure);
    }

    /**
     * @return the work's own exception: the cause of an {@link ExecutionException} or {@link CompletionException}
     * (as thrown by {@code get()} / {@code join()} or passed to completion callbacks), else {@code failure} itself
     */
    public static Throwable cause(Throwable failure) {
        if ((failure instanceof ExecutionException || failure instanceof CompletionException)
                && failure.getCause() != null) {
            return failure.getCause();
        }
        return failure;
    }

    /**
     * For an iterator whose waiting thread was interrupted: sets the thread's interrupt status again and returns
     * the exception to throw instead of an {@link InterruptedException}.
     */
    public static CancellationException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException(what + ": interrupted while waiting");
        cancelled.initCause(e);
        return cancelled;
    }
}
