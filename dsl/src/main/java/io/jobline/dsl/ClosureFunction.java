package io.jobline.dsl;

import groovy.lang.Closure;
import io.jobline.function.JobFunction;

/**
 * A Groovy closure seen as a {@link JobFunction}; thread-safe as far as the closure itself is.
 *
 * <p>Stages call it once per item, so it hands the engine's argument array straight to
 * {@link Closure#call(Object...)}: {@code Closure.call(Object)} would only wrap the item in a new one-element array
 * and call that same method. The closure's own exception propagates unwrapped ({@code Closure.call} unwraps Groovy's
 * invoker exceptions), with its stack trace.
 */
final class ClosureFunction implements JobFunction {

    private static final long serialVersionUID = 1L;

    private final Closure<?> closure;

    ClosureFunction(Closure<?> closure) {
        this.closure = closure;
    }

    @Override
    public Object call(Object... args) {
        return closure.call(args);
    }

    @Override
    public String toString() {
        return closure.toString();
    }
}
