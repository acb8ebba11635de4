package io.jobline.pipeline;

import io.jobline.backend.Backends;
import io.jobline.util.Options;
import io.jobline.util.Threads;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The options that shape a run: the pipeline's own, overridden by those given to {@code run}/{@code start}. */
final class RunSettings {

    /** Options of {@code pipeline(...)}. */
    static final Set<String> PIPELINE_OPTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "name", "keepOrder", "queueSize", "errors", "backend", "threads", "timeout")));
    /** Options of {@code run}, {@code each}, {@code stream} and {@code start}. */
    static final Set<String> RUN_OPTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "keepOrder", "timeout", "errors", "report")));

    final String name;
    final boolean keepOrder;
    final int queueSize;
    final ErrorPolicy errors;
    final String backend;
    final boolean virtualThreads;
    final Duration timeout;
    /** The options for the backends the stages run on ({@code workers}, {@code jvmArgs} …); each takes its own. */
    final Map<String, Object> backendOptions;
    /** {@code report:} of run/start: {@code true}, or a file to write the run's report to at its end; else null. */
    Object report;

    private RunSettings(String name, boolean keepOrder, int queueSize, ErrorPolicy errors, String backend,
                        boolean virtualThreads, Duration timeout, Map<String, Object> backendOptions) {
        this.name = name;
        this.keepOrder = keepOrder;
        this.queueSize = queueSize;
        this.errors = errors;
        this.backend = backend;
        this.virtualThreads = virtualThreads;
        this.timeout = timeout;
        this.backendOptions = backendOptions;
    }

    /** @return the pipeline's own options and those of every backend on the class path */
    private static Set<String> pipelineOptionNames() {
        Set<String> names = new LinkedHashSet<>(PIPELINE_OPTIONS);
        for (String backend : Backends.names()) {
            names.addAll(Backends.provider(backend).optionNames());
        }
        return names;
    }

    static RunSettings ofPipeline(Map<String, ?> options) {
        Options.requireKnown(options, pipelineOptionNames(), "pipeline option");
        Map<String, Object> backendOptions = new LinkedHashMap<>(options);
        backendOptions.keySet().removeAll(PIPELINE_OPTIONS);
        Object name = options.get("name");
        Object backend = options.get("backend");
        return new RunSettings(
                name == null ? "pipeline" : name.toString(),
                Options.bool("keepOrder", options.get("keepOrder"), false),
                options.containsKey("queueSize") ? Options.intAtLeast("queueSize", options.get("queueSize"), 1) : 1024,
                options.containsKey("errors") ? ErrorPolicy.of(options.get("errors")) : ErrorPolicy.FAIL,
                backend == null ? null : Backends.provider(backend.toString()).name(),
                Threads.wantsVirtual(options.get("threads")),
                Options.duration("timeout", options.get("timeout")),
                Collections.unmodifiableMap(backendOptions));
    }

    RunSettings withRunOptions(Map<String, ?> options) {
        if (options == null || options.isEmpty()) {
            return this;
        }
        Options.requireKnown(options, RUN_OPTIONS, "run option");
        RunSettings settings = new RunSettings(name,
                Options.bool("keepOrder", options.get("keepOrder"), keepOrder),
                queueSize,
                options.containsKey("errors") ? ErrorPolicy.of(options.get("errors")) : errors,
                backend,
                virtualThreads,
                options.containsKey("timeout") ? Options.duration("timeout", options.get("timeout")) : timeout,
                backendOptions);
        settings.report = RunReport.option(options.get("report"));
        return settings;
    }
}
