package io.jobline.farm.slurm;

import io.jobline.farm.FarmBackendProvider;

/**
 * Registers the {@code slurm} backend: functions as Slurm array jobs. Options: the farm's ({@code workDir},
 * {@code java}, {@code maxParallel}, {@code pollInterval}, {@code retries}, {@code commandEnv}) and Slurm's job
 * defaults ({@code partition}, {@code account}, {@code time}, {@code mem}, {@code cpus}, {@code extra}).
 */
public final class SlurmBackendProvider extends FarmBackendProvider {

    public SlurmBackendProvider() {
        super(SlurmScheduler::new);
    }
}
