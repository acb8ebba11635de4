package io.jobline.shell;

import io.jobline.pipeline.RunStats;

/**
 * A live run as progress views show it: its newest sampled stats and its current rate.
 *
 * @param stats the run's stats at the newest sample
 * @param rate  results per second over the sampler's recent samples (not an average since the start)
 */
record RunProgress(RunStats stats, double rate) {
}
