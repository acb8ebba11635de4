package io.jobline.shipping;

import java.util.Map;

/**
 * Teaches {@link Shipping} about the objects of one language runtime (Groovy's scripts, closures and method
 * pointers) that plain Java serialization cannot carry to another JVM, or carries wrongly. Found with
 * {@link java.util.ServiceLoader} in the caller and in every worker, so both sides have the same hooks.
 *
 * <p>Every object written passes through {@link #replace} of each hook and every object read through
 * {@link #resolve}: a hook swaps an object it knows for a serializable stand-in on writing and rebuilds it on
 * reading. Hooks must be thread-safe and cheap for objects they do not handle (return them unchanged). Plain values
 * (numbers, strings, and JDK lists, maps and arrays of only those: see {@code PlainValues}) take a fast path that
 * passes no hook.
 */
public interface ShippingHook {

    /** @return a stand-in to write instead of {@code obj}, or {@code obj} itself */
    Object replace(Object obj);

    /** @return what a stand-in of this hook's stands for, or {@code obj} itself */
    Object resolve(Object obj);

    /** @return the unit {@code type}'s bytecode was recorded in when this hook's runtime compiled it; else null */
    default CodeUnit unitOf(Class<?> type) {
        return null;
    }

    /**
     * For error messages: the variables a function carries with it, by the names they have in the source (a
     * closure's captured locals). Empty when the function is not this hook's or has none.
     */
    default Map<String, Object> captures(Object function) {
        return Map.of();
    }

    /** For error messages: where the function was defined, like {@code job.groovy:12}; null if not known. */
    default String location(Object function) {
        return null;
    }
}
