package io.jobline.pipeline;

import io.jobline.backend.Backend;
import io.jobline.backend.BackendScope;
import io.jobline.backend.BackendSpec;
import io.jobline.backend.Backends;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backends of one run's stages, taken from the shared {@link BackendScope}: stages asking for the same backend
 * and options share one, and so do consecutive runs (its workers stay warm between them). Not thread-safe: set up
 * by the starting thread; {@link #release()} may then be called from any one thread.
 */
final class RunBackends {

    private final RunSettings settings;
    private final Map<BackendSpec, Backend> backends = new LinkedHashMap<>();

    RunBackends(RunSettings settings) {
        this.settings = settings;
    }

    /** @return the backend {@code spec} runs on, or {@code null} for the default, threads */
    Backend forStage(StageSpec spec) {
        String name = spec.getBackend() != null ? spec.getBackend() : settings.backend;
        if (name == null || Backends.DEFAULT.equals(name)) {
            return null;
        }
        // The pipeline's options for that backend, overridden by the stage's own.
        Map<String, Object> options =
                new LinkedHashMap<>(BackendSpec.split(name, settings.backendOptions).spec().options());
        if (name.equals(spec.getBackend())) {
            options.putAll(spec.getBackendOptions());
        }
        BackendSpec backendSpec = BackendSpec.of(name, options);
        return backends.computeIfAbsent(backendSpec, s -> BackendScope.shared().acquire(s));
    }

    /**
     * Lets each stage's backend check the stage's function before anything starts (a function that cannot be
     * shipped to a worker process is reported once, naming the stage, instead of failing every item).
     *
     * @throws IllegalArgumentException the first backend's objection; the run's backends are closed
     */
    void check(List<StageRunner> runners) {
        try {
            for (StageRunner runner : runners) {
                runner.checkFunction();
            }
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * Lets go of the backends: the run's calls still going are cancelled, and the shared backends linger for the
     * next run ({@link BackendScope}). Never blocks.
     */
    void release() {
        backends.values().forEach(Backend::close);
    }
}
