package io.jobline.pipeline;

import io.jobline.backend.Backends;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declares a {@link Pipeline}: pipeline options, then stages in order. Every option and stage is checked when it is
 * given, so a mistake is reported where it is written. Not thread-safe; a builder may build many pipelines.
 */
public final class PipelineBuilder {

    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<StageSpec> stages = new ArrayList<>();

    PipelineBuilder() {
    }

    /**
     * Sets pipeline options: {@code name}, {@code keepOrder}, {@code queueSize}, {@code errors}, {@code backend},
     * {@code threads} ('virtual' | 'platform'), {@code timeout}, and the options of the backends its stages run on
     * ({@code workers}, {@code jvmArgs} … for {@code backend: 'process'}).
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public PipelineBuilder options(Map<String, ?> pipelineOptions) {
        Map<String, Object> merged = new LinkedHashMap<>(options);
        merged.putAll(pipelineOptions);
        RunSettings.ofPipeline(merged);
        options.clear();
        options.putAll(merged);
        return this;
    }

    public PipelineBuilder name(String name) {
        return options(Collections.singletonMap("name", name));
    }

    public PipelineBuilder keepOrder(boolean keepOrder) {
        return options(Collections.singletonMap("keepOrder", keepOrder));
    }

    public PipelineBuilder queueSize(int queueSize) {
        return options(Collections.singletonMap("queueSize", queueSize));
    }

    /** @param policy 'fail', 'collect' or 'ignore' */
    public PipelineBuilder errors(String policy) {
        return options(Collections.singletonMap("errors", policy));
    }

    public PipelineBuilder backend(String backend) {
        return options(Collections.singletonMap("backend", backend));
    }

    /** @param kind 'virtual' (JDK 21+; platform threads on 17) or 'platform' */
    public PipelineBuilder threads(String kind) {
        return options(Collections.singletonMap("threads", kind));
    }

    public PipelineBuilder timeout(Duration timeout) {
        return options(Collections.singletonMap("timeout", timeout));
    }

    /** Adds a stage with one worker. */
    public PipelineBuilder stage(Object function) {
        return stage(function, Collections.emptyMap());
    }

    /**
     * Adds a stage; see {@link StageSpec#OPTIONS} and the SPEC for what each option does.
     *
     * @throws IllegalArgumentException naming the stage and the option, when a function or option is not valid, or
     *                                  when an earlier stage of this pipeline has the same name (stages are told
     *                                  apart by name: in stats, in {@code threads(stage, n)}, on a farm)
     */
    public PipelineBuilder stage(Object function, Map<String, ?> stageOptions) {
        StageSpec stage = StageSpec.of(function, stageOptions, stages.size() + 1);
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).getName().equals(stage.getName())) {
                throw new IllegalArgumentException("pipeline '" + RunSettings.ofPipeline(options).name + "': stage "
                        + (stages.size() + 1) + " is named '" + stage.getName() + "' as stage " + (i + 1)
                        + " is; stage names must be unique in a pipeline: give one of them another, e.g. name: '"
                        + stage.getName() + "-" + (stages.size() + 1) + "'");
            }
        }
        stages.add(stage);
        return this;
    }

    /** @return how many stages were declared so far */
    public int size() {
        return stages.size();
    }

    /** @throws IllegalArgumentException if no stage was declared */
    public Pipeline build() {
        RunSettings settings = RunSettings.ofPipeline(options);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("pipeline '" + settings.name + "' has no stages: declare at least one, "
                    + "e.g. pipeline { stage { it + 1 } }");
        }
        checkBackendOptions(settings);
        return new Pipeline(settings, stages);
    }

    /**
     * Checks the backend options where they are written, not when a run starts: each backend a stage runs on is made
     * once from them (backends start nothing until work arrives) and closed. Options on a pipeline whose stages all
     * run on threads would be ignored: that is refused too.
     */
    private void checkBackendOptions(RunSettings settings) {
        Set<String> used = new LinkedHashSet<>();
        for (StageSpec stage : stages) {
            String backend = stage.getBackend() != null ? stage.getBackend() : settings.backend;
            if (backend != null && !Backends.DEFAULT.equals(backend)) {
                used.add(backend);
            }
        }
        if (used.isEmpty() && !settings.backendOptions.isEmpty()) {
            throw new IllegalArgumentException("pipeline '" + settings.name + "': " + String.join(", ",
                    settings.backendOptions.keySet()) + " configure the backend of stages that run elsewhere (e.g. "
                    + "backend: 'process'), but every stage of this pipeline runs on threads; a stage's own threads: "
                    + "sets how many it has");
        }
        for (String backend : used) {
            try {
                Backends.create(backend, settings.backendOptions).close();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline '" + settings.name + "', backend '" + backend + "': "
                        + e.getMessage(), e);
            }
        }
    }
}
