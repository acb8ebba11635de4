package io.jobline.function;

/**
 * A function Jobline makes around the user's own (a {@code map} chunk, an emit-form stage run in another process).
 * It holds the user's function exactly as given, so that a backend in another process ships that (and error
 * messages about shipping look at it), and adapts it with {@link Functions#of} on first use, wherever it runs.
 */
public abstract class FunctionWrapper implements JobFunction {

    private static final long serialVersionUID = 1L;

    private final Object target;
    private transient JobFunction function;

    protected FunctionWrapper(Object target) {
        this.target = target;
    }

    /** @return the user's function, exactly as given */
    public final Object wrapped() {
        return target;
    }

    /** @return the user's function, adapted for calling; found once per instance (the race is harmless) */
    protected final JobFunction function() {
        JobFunction f = function;
        if (f == null) {
            f = Functions.of(target);
            function = f;
        }
        return f;
    }
}
