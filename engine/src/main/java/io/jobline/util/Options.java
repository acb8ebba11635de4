package io.jobline.util;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks and reads named options ({@code threads: 2}, {@code timeout: 30} …) with messages that say what was wrong
 * and what is valid. Every front end reads its options through here, so every option error reads alike.
 */
public final class Options {

    private Options() {
    }

    /**
     * @param what  what the options are for, e.g. "stage option"
     * @throws IllegalArgumentException naming the first unknown key and listing the valid ones
     */
    public static void requireKnown(Map<String, ?> options, Collection<String> valid, String what) {
        if (options == null) {
            return;
        }
        for (String key : options.keySet()) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException("unknown " + what + " '" + key + "'; valid: "
                        + String.join(", ", new TreeSet<>(valid)));
            }
        }
    }

    /**
     * @return {@code value} as an int of at least {@code min}
     * @throws IllegalArgumentException if it is not a whole number or is below {@code min}
     */
    public static int intAtLeast(String name, Object value, int min) {
        if (value instanceof Number) {
            Number number = (Number) value;
            double d = number.doubleValue();
            if (d == Math.rint(d) && d >= min && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException(name + ": must be a whole number >= " + min + ", got " + show(value));
    }

    /**
     * @return {@code value} (a Number of seconds, or a {@link Duration}) as a positive Duration, or {@code null}
     * @throws IllegalArgumentException for anything else
     */
    public static Duration duration(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Duration && !((Duration) value).isNegative() && !((Duration) value).isZero()) {
            return (Duration) value;
        }
        if (value instanceof Number && ((Number) value).doubleValue() > 0) {
            return Duration.ofNanos(Math.round(((Number) value).doubleValue() * 1e9));
        }
        throw new IllegalArgumentException(name + ": must be a positive number of seconds or a java.time.Duration, got "
                + show(value));
    }

    /**
     * @return {@code value} as a boolean, or {@code otherwise} when it is {@code null}
     * @throws IllegalArgumentException for anything but a Boolean
     */
    public static boolean bool(String name, Object value, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new IllegalArgumentException(name + ": must be true or false, got " + show(value));
    }

    /** @return a value shown in an error: strings quoted, others with their type when it is not obvious; see {@link Show} */
    public static String show(Object value) {
        return Show.withType(value);
    }
}
