package io.jobline.function;

/**
 * A function Jobline made around the user's own (a {@code map} chunk, an emit-form stage run in another process).
 * Error messages about shipping it to another process are about the user's function, so they look inside.
 */
public interface FunctionWrapper {

    /** @return the user's function, exactly as given */
    Object wrapped();
}
