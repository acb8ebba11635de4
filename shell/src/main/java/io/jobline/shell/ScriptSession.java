package io.jobline.shell;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * What surrounds a running script: the streams it writes to, the tracking of its pipeline runs, and their display
 * (live progress on a terminal, else summary lines).
 *
 * <p>With live progress, {@code System.out} and {@code System.err} are replaced while the session is open (when they
 * are the streams given), so that whatever the script prints keeps clear of the progress lines; {@link #close()}
 * puts them back.
 */
final class ScriptSession {

    private final PrintStream out;
    private final PrintStream err;
    private final RunTracker tracker;
    private final PrintStream systemOut;
    private final PrintStream systemErr;

    private ScriptSession(PrintStream out, PrintStream err, RunView view, boolean keepStats, PrintStream systemOut,
                          PrintStream systemErr) {
        this.out = out;
        this.err = err;
        this.systemOut = systemOut;
        this.systemErr = systemErr;
        this.tracker = new RunTracker(view, keepStats);
    }

    /**
     * @param live      whether {@code out} is a terminal to show live progress on
     * @param keepStats whether {@link #close()} should return the final stats of the runs
     */
    static ScriptSession open(PrintStream out, PrintStream err, boolean live, boolean keepStats) {
        if (!live) {
            return new ScriptSession(out, err, new SummaryView(err), keepStats, null, null);
        }
        Charset charset = Tty.stdoutCharset();
        StatusArea area = new StatusArea(out, Tty.width());
        PrintStream guardedOut = area.guard(out, charset);
        PrintStream guardedErr = area.guard(err, charset);
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        if (systemOut == out) {
            System.setOut(guardedOut);
        }
        if (systemErr == err) {
            System.setErr(guardedErr);
        }
        boolean unicode = charset.newEncoder().canEncode('\u2588');
        RunView view = new ProgressView(area, guardedErr, unicode);
        return new ScriptSession(guardedOut, guardedErr, view, keepStats, systemOut, systemErr);
    }

    /** @return where the script's output goes */
    PrintStream out() {
        return out;
    }

    /** @return where messages about the script go */
    PrintStream err() {
        return err;
    }

    /** @return how many runs were cancelled */
    int cancelRuns() {
        return tracker.cancelAll();
    }

    /**
     * Ends tracking (runs still going are cancelled), clears the display, restores {@code System.out/err}.
     * Idempotent.
     *
     * @return the final stats of the script's runs, in start order (empty unless kept)
     */
    List<Map<String, Object>> close() {
        List<Map<String, Object>> stats = tracker.close();
        if (systemOut != null) {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return stats;
    }
}
