package io.jobline.shell.repl;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Future;

import org.codehaus.groovy.runtime.FormatHelper;
import org.codehaus.groovy.runtime.MethodClosure;

import groovy.lang.Closure;

import io.jobline.future.JobFuture;
import io.jobline.pipeline.Run;
import io.jobline.pipeline.RunStats;
import io.jobline.util.Show;

/**
 * How the shell shows a value: {@code ==> 42}. Long lists and maps show their first elements, long text is cut,
 * a pipeline run or a future shows a one-line summary. A value whose {@code toString} throws is shown by its type;
 * nothing a value does can break the line.
 */
public final class ValueFormat {

    /** Elements shown of a collection or map (Groovy's own cut, with "..." after). */
    static final int MAX_ELEMENTS = 50;
    /** Characters shown of a value's text. */
    static final int MAX_CHARS = 2000;

    private ValueFormat() {
    }

    /** @return {@code ==> } and the value's short text */
    public static String result(Object value) {
        return "==> " + shortText(value);
    }

    /** @return the value as a short text (possibly over several lines, never past {@value #MAX_CHARS} characters) */
    public static String shortText(Object value) {
        String text;
        try {
            text = summary(value);
            if (text == null) {
                text = FormatHelper.format(value, false, MAX_ELEMENTS, true);
            }
        } catch (RuntimeException | StackOverflowError e) {
            text = Show.unprintable(value, e);
        }
        if (text == null) {
            return "null";
        }
        if (text.length() > MAX_CHARS) {
            return text.substring(0, MAX_CHARS) + "... (" + text.length() + " characters)";
        }
        return text;
    }

    private static String summary(Object value) {
        if (value instanceof Run) {
            return run((Run) value);
        }
        if (value instanceof MethodClosure) {
            return "method " + ((MethodClosure) value).getMethod();
        }
        if (value instanceof Closure) {
            int parameters = ((Closure<?>) value).getMaximumNumberOfParameters();
            return "closure (" + parameters + (parameters == 1 ? " parameter)" : " parameters)");
        }
        if (value instanceof JobFuture) {
            JobFuture<?> future = (JobFuture<?>) value;
            return "future " + quoted(future.getName()) + future.getState();
        }
        if (value instanceof Future && !(value instanceof CharSequence)) {
            Future<?> future = (Future<?>) value;
            return "future (" + (future.isCancelled() ? "CANCELLED" : future.isDone() ? "DONE" : "RUNNING") + ")";
        }
        return null;
    }

    /** {@code run 3 of pipeline 'render' RUNNING: 120 in, 100 out, 0 errors, 1.2 s} */
    public static String run(Run run) {
        RunStats stats = run.stats();
        return "run " + run.getId() + " of pipeline '" + run.getName() + "' " + stats.getState() + ": "
                + stats.getIn() + " in, " + stats.getOut() + " out, " + stats.getErrors() + " errors, "
                + seconds(stats.getElapsed());
    }

    /** @return {@code 3.2 s}, {@code 4 min 12 s} */
    public static String seconds(Duration elapsed) {
        long millis = elapsed.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis / 60_000) + " min " + (millis / 1000 % 60) + " s";
    }

    private static String quoted(String name) {
        return name == null || name.isEmpty() ? "" : "'" + name + "' ";
    }
}
