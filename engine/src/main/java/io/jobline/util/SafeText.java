package io.jobline.util;

/**
 * A user's value as text for a message or a report: never throws and never grows past a bound, whatever the
 * value's {@code toString} does (throws, returns null, returns megabytes).
 */
public final class SafeText {

    private SafeText() {
    }

    /** @return {@code String.valueOf(value)}, cut to {@code max} characters with an ellipsis; a throwing toString is named */
    public static String of(Object value, int max) {
        String text;
        try {
            text = String.valueOf(value);
        } catch (Throwable e) {
            String type = value == null ? "null" : value.getClass().getName();
            text = "<" + type + ": toString() threw " + e.getClass().getName() + ">";
        }
        if (text == null) {
            text = "null";
        }
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /** @return the stack trace of {@code error} as text, at most {@code maxLines} lines, never throwing */
    public static String trace(Throwable error, int maxLines) {
        StringBuilder out = new StringBuilder();
        int lines = 0;
        for (Throwable t = error; t != null && lines < maxLines; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t == error ? "" : "Caused by: ").append(t.getClass().getName()).append(": ")
                    .append(of(message(t), 500)).append('\n');
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

    /** @return the exception's message, or null; a throwing getMessage is named */
    public static String message(Throwable error) {
        try {
            return error.getMessage();
        } catch (Throwable e) {
            return "<getMessage() threw " + e.getClass().getName() + ">";
        }
    }
}
