package io.jobline.dsl;

import groovy.lang.Closure;
import io.jobline.function.JobFunction;

/**
 * A Groovy closure seen as a {@link JobFunction}; thread-safe as far as the closure itself is.
 *
 * <p>Stages call it once per item, so each call costs exactly one {@code Closure.call}: the engine's argument array
 * goes straight to {@link Closure#call(Object...)}, and {@link #callOne} uses {@link Closure#call(Object)}, whose
 * one-element array is the only allocation on that path. The closure's own exception propagates unwrapped
 * ({@code Closure.call} unwraps Groovy's invoker exceptions), with its stack trace.
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
    public Object callOne(Object arg) {
        return closure.call(arg);
    }

    @Override
    public String toString() {
        return closure.toString();
    }
}
