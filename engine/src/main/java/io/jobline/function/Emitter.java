package io.jobline.function;

/**
 * Passed as the second argument to a two-parameter stage function, {@code { item, emit -> emit(a); emit(b) }},
 * so it can forward any number of items.
 *
 * <p>Items emitted while the function runs are forwarded when it returns normally; if it throws, what it emitted
 * for that item is discarded and the item is reported as an error (an item is processed whole or not at all).
 * An emitter is only valid during the call it was passed to.
 */
@FunctionalInterface
public interface Emitter {

    /** Forwards {@code item} to the next stage (or the run's results, after the last stage). */
    void emit(Object item);

    /** Same as {@link #emit(Object)}; lets Groovy call an emitter as {@code emit(x)}. */
    default void call(Object item) {
        emit(item);
    }
}
