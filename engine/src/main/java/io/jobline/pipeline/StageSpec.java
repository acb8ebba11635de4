package io.jobline.pipeline;

import io.jobline.backend.BackendSpec;
import io.jobline.backend.Backends;
import io.jobline.function.Functions;
import io.jobline.function.JobFunction;
import io.jobline.util.Options;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One stage of a pipeline as declared: its function and options, checked when declared so that mistakes are
 * reported where they are written, not when items arrive. Immutable.
 */
public final class StageSpec {

    /** The stage options, as named in the DSL. */
    public static final Set<String> OPTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "threads", "name", "by", "fanOut", "rate", "queue", "retries", "backend", "inFlight")));

    /** How many batches a worker of a stage on another backend keeps submitted at once, unless {@code inFlight:}. */
    public static final int DEFAULT_IN_FLIGHT = 2;

    private final Object function;
    private final Object shippable;
    private final JobFunction callable;
    private final boolean emitForm;
    private final String name;
    private final int threads;
    private final JobFunction by;
    private final boolean fanOut;
    private final double rate;
    private final JobFunction rateFunction;
    private final Integer queue;
    private final int retries;
    private final String backend;
    private final Map<String, Object> backendOptions;
    private final int inFlight;

    private StageSpec(Object function, Map<String, ?> options, int position) {
        Map<String, ?> opts = options == null ? Collections.emptyMap() : options;
        Object nameOption = opts.get("name");
        String known = nameOption != null ? nameOption.toString() : Functions.nameOf(function);
        this.name = known != null && !known.isEmpty() ? known : "stage" + position;
        if (!Functions.isFunction(function)) {
            throw new IllegalArgumentException("stage " + position + ": expected " + Functions.ACCEPTED + ", got "
                    + Functions.describe(function));
        }
        try {
            Object backendOption = opts.get("backend");
            this.backend = backendOption == null ? null : Backends.provider(backendOption.toString()).name();
            // Options of the stage's own backend (stage(f, backend: 'slurm', partition: 'gpu')) configure it for
            // this stage; every other name must be a stage option (a stage option is never taken for the backend's).
            Map<String, Object> others = new LinkedHashMap<>(opts);
            others.keySet().removeAll(OPTIONS);
            BackendSpec.Split split = BackendSpec.split(backend, backend == null ? Map.of() : others);
            Map<String, Object> stageOptions = new LinkedHashMap<>(opts);
            stageOptions.keySet().removeAll(split.spec().options().keySet());
            Set<String> valid = OPTIONS;
            if (backend != null) { // say the backend's options are valid here too
                valid = new java.util.TreeSet<>(OPTIONS);
                valid.addAll(Backends.provider(backend).optionNames());
            }
            Options.requireKnown(stageOptions, valid, "stage option");
            this.backendOptions = split.spec().options();
            this.function = function;
            this.callable = Functions.of(function);
            this.emitForm = Functions.parameterCount(function) == 2;
            this.shippable = emitForm ? new CollectEmits(function) : function;
            this.threads = opts.containsKey("threads") ? Options.intAtLeast("threads", opts.get("threads"), 1) : 1;
            this.by = opts.get("by") == null ? null : callable("by", opts.get("by"));
            this.fanOut = Options.bool("fanOut", opts.get("fanOut"), false);
            Object rateOption = opts.get("rate");
            if (rateOption == null) {
                this.rate = 0;
                this.rateFunction = null;
            } else if (rateOption instanceof Number) {
                double r = ((Number) rateOption).doubleValue();
                if (!(r > 0) || Double.isInfinite(r)) {
                    throw new IllegalArgumentException("rate: must be a positive number of items per second, or a "
                            + "function returning one, got " + Options.show(rateOption));
                }
                this.rate = r;
                this.rateFunction = null;
            } else {
                this.rate = 0;
                this.rateFunction = callable("rate", rateOption);
            }
            this.queue = opts.containsKey("queue") ? Options.intAtLeast("queue", opts.get("queue"), 1) : null;
            this.retries = opts.containsKey("retries") ? Options.intAtLeast("retries", opts.get("retries"), 0) : 0;
            this.inFlight = opts.containsKey("inFlight") ? Options.intAtLeast("inFlight", opts.get("inFlight"), 1)
                    : DEFAULT_IN_FLIGHT;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stage '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param function anything {@link Functions#of} accepts; a two-parameter function is called as
     *                 {@code f(item, emitter)}
     * @param options  stage options ({@link #OPTIONS}); may be {@code null}
     * @param position the stage's 1-based position, for its default name
     * @throws IllegalArgumentException naming the stage, the option and what is valid
     */
    public static StageSpec of(Object function, Map<String, ?> options, int position) {
        return new StageSpec(function, options, position);
    }

    private static JobFunction callable(String option, Object value) {
        if (!Functions.isFunction(value)) {
            throw new IllegalArgumentException(option + ": expected " + Functions.ACCEPTED + ", got "
                    + Functions.describe(value));
        }
        return Functions.of(value);
    }

    /** @return the function as the user gave it */
    public Object getFunction() {
        return function;
    }

    /**
     * @return what a backend in another process runs for each item: the function as given, or for the emit form a
     *         wrapper returning the list of emitted items; one object for the whole stage, so it is shipped once
     */
    Object shippable() {
        return shippable;
    }

    JobFunction callable() {
        return callable;
    }

    /** @return whether the function takes {@code (item, emit)} */
    public boolean isEmitForm() {
        return emitForm;
    }

    public String getName() {
        return name;
    }

    public int getThreads() {
        return threads;
    }

    JobFunction by() {
        return by;
    }

    /** @return whether items go to workers by key ({@code by:}) */
    public boolean isDispatcher() {
        return by != null;
    }

    public boolean isFanOut() {
        return fanOut;
    }

    RateLimiter newRateLimiter() {
        return rate > 0 || rateFunction != null ? new RateLimiter(rate, rateFunction) : null;
    }

    /** @return the stage's own input queue capacity, or {@code null} for the pipeline's queueSize */
    public Integer getQueue() {
        return queue;
    }

    public int getRetries() {
        return retries;
    }

    /**
     * @return how many batches of items each worker keeps submitted at once when the stage runs on a backend other
     *         than threads (the {@code inFlight} option); ignored on threads
     */
    public int getInFlight() {
        return inFlight;
    }

    /** @return the backend named for this stage, or {@code null} for the pipeline's */
    public String getBackend() {
        return backend;
    }

    /**
     * @return the options of this stage's own backend given on the stage ({@code partition: 'gpu'}); they override
     *         the pipeline's options for that backend. Empty when none were given.
     */
    public Map<String, Object> getBackendOptions() {
        return backendOptions;
    }
}
