package io.jobline.farm;

import io.jobline.backend.Backend;
import io.jobline.backend.BackendProvider;
import io.jobline.util.Options;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registers one farm as a backend (functions as its jobs): the farm's common options ({@link FarmSettings}) and the
 * scheduler's job defaults ({@link Scheduler#optionNames()}). A farm's provider is this with its scheduler.
 */
public abstract class FarmBackendProvider implements BackendProvider {

    private final Supplier<Scheduler> schedulers;
    private final String name;
    private final Set<String> names;

    protected FarmBackendProvider(Supplier<Scheduler> schedulers) {
        this.schedulers = schedulers;
        Scheduler scheduler = schedulers.get();
        this.name = scheduler.name();
        Set<String> all = new HashSet<>(FarmSettings.NAMES);
        all.addAll(scheduler.optionNames());
        this.names = Set.copyOf(all);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> optionNames() {
        return names;
    }

    /** Checks names and values without creating anything or running the scheduler's tools. */
    @Override
    public void validate(Map<String, Object> options) {
        Options.requireKnown(options, names, name + " backend option");
        FarmSettings.of(options);
        Scheduler scheduler = schedulers.get();
        scheduler.checkOptions(defaults(scheduler, options));
    }

    /** Checks every option now; starts nothing (no thread, no folder) until the first call. */
    @Override
    public Backend create(Map<String, Object> options) {
        Scheduler scheduler = schedulers.get();
        return new FarmBackend(new FarmEngine(scheduler, FarmSettings.of(options)), defaults(scheduler, options));
    }

    private static Map<String, Object> defaults(Scheduler scheduler, Map<String, Object> options) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (scheduler.optionNames().contains(key)) {
                defaults.put(key, value);
            }
        });
        return defaults;
    }
}
