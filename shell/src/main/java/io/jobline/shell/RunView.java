package io.jobline.shell;

import java.util.List;

import io.jobline.pipeline.RunStats;

/**
 * Shows the pipeline runs of a script as they go. Called by {@link RunTracker}, one call at a time.
 */
interface RunView {

    /** Called after each round of the stats sampler with the runs still going, oldest first. */
    void refresh(List<RunProgress> active);

    /** Called once per run, with its stats when it was seen to have ended. */
    void finished(RunStats last);

    /** No more calls follow: leave the terminal as it was. */
    void close();
}
