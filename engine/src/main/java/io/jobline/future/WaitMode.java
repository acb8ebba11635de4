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
    ALL_COMPLETED;

    /**
     * Reads a mode written as a value or a name ({@code 'FIRST_COMPLETED'}, in any case), as scripts do.
     *
     * @throws IllegalArgumentException naming the bad value and the valid modes
     */
    public static WaitMode of(Object mode) {
        if (mode instanceof WaitMode) {
            return (WaitMode) mode;
        }
        if (mode instanceof CharSequence) {
            for (WaitMode candidate : values()) {
                if (candidate.name().equalsIgnoreCase(mode.toString().trim())) {
                    return candidate;
                }
            }
        }
        String given = mode == null ? "null" : mode instanceof CharSequence ? "'" + shorten(mode.toString()) + "'"
                : mode.getClass().getSimpleName();
        throw new IllegalArgumentException("wait: mode must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got "
                + given + (mode instanceof Number ? " (for a timeout, write wait(futures, ALL_COMPLETED, " + mode
                + ") or waitAll(futures, " + mode + "))" : ""));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
