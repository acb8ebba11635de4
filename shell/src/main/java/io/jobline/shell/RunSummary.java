package io.jobline.shell;

import java.util.Locale;

import io.jobline.pipeline.RunState;
import io.jobline.pipeline.RunStats;

/** The one-line account of a pipeline run that {@code jobline run} prints when the run ends. */
final class RunSummary {

    private RunSummary() {
    }

    /** @return e.g. {@code pipeline 'x': 1000 in, 1000 out, 0 errors, 0.4 s}, with the state unless DONE */
    static String line(RunStats stats) {
        String line = String.format(Locale.ROOT, "%s: %d in, %d out, %d %s, %.1f s", title(stats), stats.getIn(),
                stats.getOut(), stats.getErrors(), stats.getErrors() == 1 ? "error" : "errors",
                stats.getElapsed().toMillis() / 1000.0);
        return stats.getState() == RunState.DONE ? line : line + " (" + state(stats.getState()) + ")";
    }

    /** @return {@code pipeline 'name'} */
    static String title(RunStats stats) {
        return stats.getName() == null ? "pipeline run " + stats.getId() : "pipeline '" + stats.getName() + "'";
    }

    private static String state(RunState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
