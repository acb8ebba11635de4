package io.jobline.shell;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

import io.jobline.live.LiveRegistry;

/**
 * What surrounds a running script: the streams it writes to, its live scope (the runs, executors and pools it starts,
 * which Ctrl-C and its end cancel), the tracking of its pipeline runs, and their display (live progress on a
 * terminal, else summary lines).
 *
 * <p>With live progress, {@code System.out} and {@code System.err} are replaced while the session is open (when they
 * are the streams given), so that whatever the script prints keeps clear of the progress lines; {@link #close()}
 * puts them back.
 */
final class ScriptSession {

    private final PrintStream out;
    private final PrintStream err;
    private final LiveRegistry scope = LiveRegistry.current().openScope("script", "jobline run");
    private final RunTracker tracker;
    private final PrintStream systemOut;
    private final PrintStream systemErr;

    private ScriptSession(PrintStream out, PrintStream err, RunView view, boolean keepStats, PrintStream systemOut,
                          PrintStream systemErr) {
        this.out = out;
        this.err = err;
        this.systemOut = systemOut;
        this.systemErr = systemErr;
        this.tracker = new RunTracker(scope, view, keepStats);
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

    /** @return the script's live scope: run the script in it ({@link LiveRegistry#callIn}) */
    LiveRegistry scope() {
        return scope;
    }

    /** Cancels everything live in the script's scope. @return how many things were cancelled */
    int cancelRuns() {
        return tracker.cancelAll();
    }

    /**
     * Ends tracking and closes the scope (what is still going is cancelled), clears the display, restores
     * {@code System.out/err}. Idempotent.
     *
     * @return the final stats of the script's runs, in start order (empty unless kept)
     */
    List<Map<String, Object>> close() {
        List<Map<String, Object>> stats = tracker.close();
        scope.close();
        if (systemOut != null) {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return stats;
    }
}
