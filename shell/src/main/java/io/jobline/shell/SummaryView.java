package io.jobline.shell;

import java.io.PrintStream;
import java.util.List;

import io.jobline.pipeline.RunStats;

/** Off a terminal (or with {@code --no-progress}): one summary line per finished run, nothing while runs go. */
final class SummaryView implements RunView {

    private final PrintStream err;

    SummaryView(PrintStream err) {
        this.err = err;
    }

    @Override
    public void refresh(List<RunProgress> active) {
    }

    @Override
    public void finished(RunStats last) {
        err.println(RunSummary.line(last));
    }

    @Override
    public void close() {
    }
}
