package io.jobline.farm.slurm;

import io.jobline.backend.Backend;
import io.jobline.backend.BackendProvider;
import io.jobline.farm.FarmBackend;
import io.jobline.farm.FarmEngine;
import io.jobline.farm.FarmSettings;
import io.jobline.util.Options;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Registers the {@code slurm} backend: functions as Slurm array jobs. Options: the farm's ({@code workDir},
 * {@code java}, {@code maxParallel}, {@code pollInterval}, {@code retries}) and Slurm's job defaults
 * ({@code partition}, {@code account}, {@code time}, {@code mem}, {@code cpus}, {@code extra}).
 */
public final class SlurmBackendProvider implements BackendProvider {

    private static final Set<String> NAMES = names();

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public Set<String> optionNames() {
        return NAMES;
    }

    /** Checks names and values (workDir, java, partition …) without creating anything or running Slurm. */
    @Override
    public void validate(Map<String, Object> options) {
        Options.requireKnown(options, NAMES, "slurm backend option");
        FarmSettings.of(options);
        new SlurmScheduler().checkOptions(defaults(options));
    }

    /** Checks every option now; starts nothing (no thread, no folder) until the first call. */
    @Override
    public Backend create(Map<String, Object> options) {
        return new FarmBackend(new FarmEngine(new SlurmScheduler(), FarmSettings.of(options)), defaults(options));
    }

    private static Map<String, Object> defaults(Map<String, Object> options) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (SlurmScheduler.OPTIONS.contains(key)) {
                defaults.put(key, value);
            }
        });
        return defaults;
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>(FarmSettings.NAMES);
        names.addAll(SlurmScheduler.OPTIONS);
        return Set.copyOf(names);
    }
}
