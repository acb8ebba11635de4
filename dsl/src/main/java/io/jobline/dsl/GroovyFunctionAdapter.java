package io.jobline.dsl;

import groovy.lang.Closure;
import io.jobline.function.FunctionAdapter;
import io.jobline.function.JobFunction;
import org.codehaus.groovy.runtime.MethodClosure;

/**
 * Teaches the engine to call Groovy closures and method pointers ({@code this.&name}). Registered with
 * {@link java.util.ServiceLoader}, so {@link io.jobline.function.Functions#of(Object)} finds it whenever the DSL is on
 * the class path. Written in Java so that the per-item call compiles to exactly one {@code Closure.call(Object[])}.
 */
public final class GroovyFunctionAdapter implements FunctionAdapter {

    @Override
    public boolean supports(Object candidate) {
        return candidate instanceof Closure;
    }

    @Override
    public JobFunction adapt(Object candidate) {
        return new ClosureFunction((Closure<?>) candidate);
    }

    @Override
    public int parameterCount(Object candidate) {
        return ((Closure<?>) candidate).getMaximumNumberOfParameters();
    }

    @Override
    public String nameOf(Object candidate) {
        return candidate instanceof MethodClosure ? ((MethodClosure) candidate).getMethod() : null;
    }
}
