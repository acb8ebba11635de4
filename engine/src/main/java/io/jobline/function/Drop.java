package io.jobline.function;

/**
 * Returned by a stage function to forward nothing for this item (jobq's {@code EmptyRst}).
 *
 * <p>Returning {@code null} forwards {@code null}; returning {@link #DROP} forwards nothing. A dropped item is
 * counted in the stage's {@code dropped} statistic, so every input stays accounted for.
 */
public final class Drop {

    /** The one instance. */
    public static final Drop DROP = new Drop();

    private Drop() {
    }

    @Override
    public String toString() {
        return "DROP";
    }
}
