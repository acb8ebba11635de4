package io.jobline.pipeline;

import java.util.Locale;

/** What a run does when a stage function fails on an item (after its retries). */
public enum ErrorPolicy {
    /** The first error stops the run; {@code run} throws a {@link PipelineException} naming stage, item and cause. */
    FAIL,
    /** Keep going; the run's {@code errors} list every failed item. */
    COLLECT,
    /** Log the error and go on; the item counts as an error in the stats. */
    IGNORE;

    /**
     * @param value 'fail', 'collect', 'ignore' (any case) or an ErrorPolicy
     * @throws IllegalArgumentException for anything else, listing the valid values
     */
    public static ErrorPolicy of(Object value) {
        if (value instanceof ErrorPolicy) {
            return (ErrorPolicy) value;
        }
        if (value != null) {
            for (ErrorPolicy policy : values()) {
                if (policy.name().equalsIgnoreCase(value.toString())) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException("errors: must be 'fail', 'collect' or 'ignore', got "
                + io.jobline.util.Options.show(value));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
