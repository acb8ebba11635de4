package io.jobline.future;

/** When {@link Futures#wait} returns, as in Python's {@code concurrent.futures.wait}. */
public enum WaitMode {
    /** As soon as any future is final (done, failed or cancelled). */
    FIRST_COMPLETED,
    /**
     * As soon as any future fails with an exception; a cancelled future does not count as one. When none fails,
     * the same as {@link #ALL_COMPLETED}.
     */
    FIRST_EXCEPTION,
    /** When every future is final. */
    ALL_COMPLETED
}
