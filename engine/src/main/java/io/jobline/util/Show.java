package io.jobline.util;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A user's value as text for a message: the one place that turns items, options and arguments into text for errors,
 * so that a value can never break the message that shows it. The text is short (at most {@link #LIMIT} characters,
 * cut with {@code ...}); a {@code toString()} that throws (or overflows the stack) shows as
 * {@code <com.acme.Item: toString() threw IllegalStateException>} instead of replacing the real failure; strings,
 * collections, maps and arrays are shown piece by piece up to the limit, so a huge one is never turned into text
 * whole. Other values still have their {@code toString()} called once and cut.
 *
 * <p>Thread-safe; never throws (an {@link Error} other than {@link StackOverflowError} still propagates).
 */
public final class Show {

    /** The most characters {@link #value(Object)} returns. */
    public static final int LIMIT = 80;
    private static final String CUT = "...";

    private Show() {
    }

    /** @return the value for a message: strings quoted, at most {@link #LIMIT} characters: {@code 'abc'}, {@code [1, 2]} */
    public static String value(Object value) {
        return value(value, LIMIT);
    }

    /** @return {@link #value(Object)} with at most {@code limit} characters (at least 8) */
    public static String value(Object value, int limit) {
        if (value instanceof CharSequence) {
            return "'" + cut(value, limit - 2) + "'";
        }
        return cut(value, limit);
    }

    /**
     * @return the value with its type where the text does not make it obvious: {@code 'abc'}, {@code 3}, {@code true},
     * {@code 2020-01-01 (java.time.LocalDate)}; null is {@code null}
     */
    public static String withType(Object value) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value(value);
        }
        return value(value) + " (" + value.getClass().getName() + ")";
    }

    /** @return the type, then the value: {@code java.lang.String ('abc')}; null is {@code null} */
    public static String typed(Object value) {
        if (value == null) {
            return "null";
        }
        return value.getClass().getName() + " (" + value(value, 60) + ")";
    }

    /** @return what is shown for a value whose {@code toString()} threw {@code failure} */
    public static String unprintable(Object value, Throwable failure) {
        return "<" + value.getClass().getName() + ": toString() threw " + failure.getClass().getSimpleName() + ">";
    }

    /** @return the value's text, unquoted (arrays and collections deep), at most {@code limit} characters (at least 8) */
    public static String text(Object value, int limit) {
        return cut(value, limit);
    }

    /** @return the stack trace of {@code error} as text, causes included, at most {@code maxLines} lines; never throws */
    public static String trace(Throwable error, int maxLines) {
        StringBuilder out = new StringBuilder();
        int lines = 0;
        for (Throwable t = error; t != null && lines < maxLines; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t == error ? "" : "Caused by: ").append(t.getClass().getName()).append(": ")
                    .append(text(message(t), 500)).append('\n');
            lines++;
            for (StackTraceElement element : t.getStackTrace()) {
                if (lines++ >= maxLines) {
                    out.append("\t...\n");
                    break;
                }
                out.append("\tat ").append(element).append('\n');
            }
        }
        return out.toString();
    }

    /** @return the exception's message, or null; a {@code getMessage()} that throws is named instead */
    public static String message(Throwable error) {
        try {
            return error.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return "<getMessage() threw " + e.getClass().getName() + ">";
        }
    }

    private static String cut(Object value, int limit) {
        StringBuilder text = new StringBuilder();
        int max = Math.max(8, limit);
        try {
            append(text, value, max + 1);
        } catch (RuntimeException | StackOverflowError e) {
            return unprintable(value, e);
        }
        return text.length() > max ? text.substring(0, max - CUT.length()) + CUT : text.toString();
    }

    /** Appends the value's text, stopping soon after {@code room} characters are in {@code text}. */
    private static void append(StringBuilder text, Object value, int room) {
        if (text.length() >= room) {
            return;
        }
        if (value instanceof CharSequence) {
            CharSequence chars = (CharSequence) value;
            text.append(chars, 0, Math.min(chars.length(), room - text.length()));
        } else if (value instanceof Collection) {
            text.append('[');
            Iterator<?> items = ((Collection<?>) value).iterator();
            while (items.hasNext() && text.length() < room) {
                appendElement(text, items.next(), value, room);
                text.append(items.hasNext() ? ", " : "");
            }
            text.append(']');
        } else if (value instanceof Map) {
            text.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = ((Map<?, ?>) value).entrySet().iterator();
            while (entries.hasNext() && text.length() < room) {
                Map.Entry<?, ?> entry = entries.next();
                appendElement(text, entry.getKey(), value, room);
                text.append('=');
                appendElement(text, entry.getValue(), value, room);
                text.append(entries.hasNext() ? ", " : "");
            }
            text.append('}');
        } else if (value != null && value.getClass().isArray()) {
            text.append('[');
            int length = Array.getLength(value);
            for (int i = 0; i < length && text.length() < room; i++) {
                appendElement(text, Array.get(value, i), value, room);
                text.append(i < length - 1 ? ", " : "");
            }
            text.append(']');
        } else {
            String whole = String.valueOf(value);
            text.append(whole, 0, Math.min(whole.length(), room - text.length()));
        }
    }

    /** An element of a container; a container that holds itself shows it as Java does, and a bad element alone. */
    private static void appendElement(StringBuilder text, Object element, Object container, int room) {
        if (element == container) {
            text.append("(this ").append(container instanceof Map ? "Map" : "Collection").append(')');
            return;
        }
        try {
            append(text, element, room);
        } catch (RuntimeException | StackOverflowError e) {
            text.append(unprintable(element, e));
        }
    }
}
