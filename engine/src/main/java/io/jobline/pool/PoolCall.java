package io.jobline.pool;

import io.jobline.backend.Backend;
import io.jobline.backend.Work;
import io.jobline.function.Functions;
import io.jobline.function.JobFunction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One inbox item, {@code [function, args, kwargs]}, checked and ready to call. Groovy's named-argument convention
 * applies: when there are named arguments, the function receives them as a Map before its positional arguments.
 */
final class PoolCall {

    static final String FORM = "[function, args, kwargs] (a List or Object[]; args a List or array, kwargs a Map;"
            + " both may be omitted or null)";

    /** The named argument that carries the worker's {@code workerSetup} value. */
    static final String WORKER_DATA = "workerData";

    private final Object target;
    private final JobFunction function;
    private final Object[] args;
    private final Map<?, ?> kwargs;

    private PoolCall(Object target, Object[] args, Map<?, ?> kwargs) {
        this.target = target;
        this.function = Functions.of(target);
        this.args = args;
        this.kwargs = kwargs;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code item} and what an item must be */
    static PoolCall parse(Object item) {
        Object[] parts = parts(item);
        if (parts == null || parts.length < 1 || parts.length > 3) {
            throw malformed(item, parts == null ? "it is not a List or array" : "it has " + parts.length + " elements");
        }
        if (!Functions.isFunction(parts[0])) {
            throw malformed(item, "its first element is not a function but " + Functions.describe(parts[0]));
        }
        Object args = parts.length > 1 ? parts[1] : null;
        Object[] positional = args == null ? new Object[0] : parts(args);
        if (positional == null) {
            throw malformed(item, "its args are " + Functions.describe(args));
        }
        Object kwargs = parts.length > 2 ? parts[2] : null;
        if (kwargs != null && !(kwargs instanceof Map)) {
            throw malformed(item, "its kwargs are " + Functions.describe(kwargs));
        }
        return new PoolCall(parts[0], positional, (Map<?, ?>) kwargs);
    }

    /**
     * Calls the function: {@code fn(kwargs, *args)} when there are named arguments, else {@code fn(*args)}.
     *
     * @param withWorkerData whether to add {@code workerData} to the named arguments (it replaces a given one)
     * @param backend        where to run the call: {@code null} on this thread
     * @param name           the pool's name, naming the call on the backend
     */
    Object call(boolean withWorkerData, Object workerData, Backend backend, String name) throws Exception {
        Object[] all = arguments(withWorkerData, workerData);
        return backend == null ? function.call(all) : backend.call(Work.of(target, all, Map.of("name", name)));
    }

    private Object[] arguments(boolean withWorkerData, Object workerData) {
        if (!withWorkerData && (kwargs == null || kwargs.isEmpty())) {
            return args;
        }
        Map<Object, Object> named = kwargs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(kwargs);
        if (withWorkerData) {
            named.put(WORKER_DATA, workerData);
        }
        Object[] all = new Object[args.length + 1];
        all[0] = named;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static Object[] parts(Object value) {
        if (value instanceof Object[]) {
            return (Object[]) value;
        }
        if (value instanceof List) {
            return ((List<?>) value).toArray();
        }
        return null;
    }

    private static IllegalArgumentException malformed(Object item, String why) {
        return new IllegalArgumentException(
                "malformed inbox item " + PoolError.show(item) + ": " + why + "; an inbox item is " + FORM);
    }
}
