package io.jobline.farm.qube;

import io.jobline.farm.FarmBackendProvider;

/**
 * Registers the {@code qube} backend: functions as Qube jobs (a batch = one job with an agenda). Options: the farm's
 * ({@code workDir}, {@code java}, {@code maxParallel}, {@code pollInterval}, {@code retries}, {@code commandEnv}) and
 * Qube's job defaults ({@code cluster}, {@code groups}, {@code priority}, {@code cpus}, {@code reservations},
 * {@code requirements}, {@code retrywork}, {@code extra}).
 */
public final class QubeBackendProvider extends FarmBackendProvider {

    public QubeBackendProvider() {
        super(QubeScheduler::new);
    }
}
