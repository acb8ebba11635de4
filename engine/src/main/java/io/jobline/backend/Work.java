package io.jobline.backend;

import io.jobline.function.Functions;
import io.jobline.function.JobFunction;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to run: a function, its positional arguments, the job options that go with it
 * ({@code name}, {@code cpus}, a farm's {@code groups} …) and its {@link WorkOrigin origin}. Immutable.
 *
 * <p>{@link #getTarget()} is the callable exactly as the user gave it (a Groovy closure, say), for backends that ship
 * code to another process; {@link #getFunction()} is the same callable adapted for calling in this JVM.
 */
public final class Work {

    private final Object target;
    private final JobFunction function;
    private final Object[] args;
    private final Map<String, Object> options;
    private final WorkOrigin origin;
    /** Shared by the works of one family (see {@link #family()}); null for a work of none. */
    private final Object family;

    private Work(Object target, JobFunction function, Object[] args, Map<String, Object> options, WorkOrigin origin) {
        this(target, function, args, options, origin, null);
    }

    private Work(Object target, JobFunction function, Object[] args, Map<String, Object> options, WorkOrigin origin,
                 Object family) {
        this.target = target;
        this.function = function;
        this.args = args;
        this.options = options;
        this.origin = origin;
        this.family = family;
    }

    /** {@code of(fn, args, options, WorkOrigin.NONE)}. */
    public static Work of(Object fn, Object[] args, Map<String, ?> options) {
        return of(fn, args, options, WorkOrigin.NONE);
    }

    /**
     * @param fn      anything {@link Functions#of(Object)} accepts
     * @param args    positional arguments, copied
     * @param options job options, copied; may be {@code null}
     * @param origin  what the work is for (a run's stage); {@code null} for {@link WorkOrigin#NONE}
     * @throws IllegalArgumentException if {@code fn} is not callable
     */
    public static Work of(Object fn, Object[] args, Map<String, ?> options, WorkOrigin origin) {
        Map<String, Object> copy = options == null || options.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        Object[] argsCopy = args == null ? new Object[0] : args.clone();
        return new Work(fn, Functions.of(fn), argsCopy, copy, origin == null ? WorkOrigin.NONE : origin);
    }

    /**
     * @return the same function, options, origin and family with other arguments (copied): for many calls of one
     *         function, which then adapts the function once instead of once per call
     */
    public Work withArgs(Object[] newArgs) {
        return new Work(target, function, newArgs == null ? new Object[0] : newArgs.clone(), options, origin, family);
    }

    /**
     * @return this work as the first of a new family: it and the works made from it by {@link #withArgs} share one
     *         {@link #family()}
     */
    public Work asFamily() {
        return new Work(target, function, args, options, origin, new Object());
    }

    /**
     * The calls of one family are consumed together, in order (the chunks of one {@code map}): a backend may let
     * one wait behind another of its family, as behind the calls of one batch, so that a worker never waits for
     * the next one. Calls of no family, or of different families, never wait behind each other.
     *
     * @return a token the works of one family share (compare with {@code ==}), or null for a work of none
     */
    public Object family() {
        return family;
    }

    /** Runs the call in this thread. */
    public Object run() throws Exception {
        return function.call(args);
    }

    public Object getTarget() {
        return target;
    }

    public JobFunction getFunction() {
        return function;
    }

    /** @return a copy of the positional arguments */
    public Object[] getArgs() {
        return args.clone();
    }

    /** @return the job options (unmodifiable) */
    public Map<String, Object> getOptions() {
        return options;
    }

    /** @return what the work is for; {@link WorkOrigin#NONE} when it belongs to no live entry */
    public WorkOrigin getOrigin() {
        return origin;
    }

    /** @return the {@code name} option, or {@code null} */
    public String getName() {
        Object name = options.get("name");
        return name == null ? null : name.toString();
    }

    @Override
    public String toString() {
        String name = getName();
        return "Work[" + (name != null ? name + ", " : "") + "args=" + Arrays.toString(args) + "]";
    }
}
