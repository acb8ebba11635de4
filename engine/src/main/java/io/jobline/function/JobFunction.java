package io.jobline.function;

import java.io.Serializable;

/**
 * The one shape of work Jobline runs: a function of positional arguments.
 *
 * <p>Every callable a user hands to Jobline (a Groovy closure, a method pointer, a {@link java.util.function.Function},
 * a {@link java.util.concurrent.Callable} …) is adapted to this interface by {@link Functions#of(Object)}. It is
 * {@link Serializable} so that backends that run work in other processes can ship it.
 */
@FunctionalInterface
public interface JobFunction extends Serializable {

    /**
     * Runs the function.
     *
     * @param args the positional arguments; never {@code null}, possibly empty
     * @return the result, possibly {@code null}
     * @throws Exception whatever the function throws; callers report it, never swallow it
     */
    Object call(Object... args) throws Exception;

    /**
     * Runs the function with one argument. Same as {@code call(arg)}; adapters override it to skip the varargs
     * array on the hot path of pipeline stages.
     */
    default Object callOne(Object arg) throws Exception {
        return call(arg);
    }
}
