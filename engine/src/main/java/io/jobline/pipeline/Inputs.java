package io.jobline.pipeline;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.BaseStream;

/** Turns what a user passes as a run's input into an iterator. */
final class Inputs {

    private Inputs() {
    }

    /**
     * @return an iterator over an Iterable, Iterator, Stream, array, or a Map's entries
     * @throws IllegalArgumentException for anything else
     */
    static Iterator<?> iterator(Object input) {
        if (input instanceof Map) {
            return ((Map<?, ?>) input).entrySet().iterator();
        }
        if (input instanceof Iterable) {
            return ((Iterable<?>) input).iterator();
        }
        if (input instanceof Iterator) {
            return (Iterator<?>) input;
        }
        if (input instanceof BaseStream) {
            return ((BaseStream<?, ?>) input).iterator();
        }
        if (input instanceof Object[]) {
            return Arrays.asList((Object[]) input).iterator();
        }
        if (input != null && input.getClass().isArray()) {
            return new PrimitiveArrayIterator(input);
        }
        throw new IllegalArgumentException("input must be an Iterable, Iterator, Stream, array or Map, got "
                + (input == null ? "null" : "a " + input.getClass().getName()));
    }

    /** @return whether reading {@code input} can never block, so the feeder may hand it on in batches */
    static boolean inMemory(Object input) {
        return input instanceof Collection || input instanceof Map || (input != null && input.getClass().isArray());
    }

    private static final class PrimitiveArrayIterator implements Iterator<Object> {
        private final Object array;
        private final int length;
        private int next;

        PrimitiveArrayIterator(Object array) {
            this.array = array;
            this.length = Array.getLength(array);
        }

        @Override
        public boolean hasNext() {
            return next < length;
        }

        @Override
        public Object next() {
            if (next >= length) {
                throw new NoSuchElementException();
            }
            return Array.get(array, next++);
        }
    }
}
