package io.jobline.util;

import io.jobline.function.Functions;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.BaseStream;

/**
 * Reads the inputs Jobline accepts wherever it takes "items": an Iterable (a List, a Groovy range …), an Iterator,
 * a Stream, an array (of objects or primitives) or a Map (its entries). Lazy: nothing is read until the returned
 * iterator is advanced, so an infinite Iterator or Stream works.
 */
public final class Items {

    /** What {@link #iterator} accepts; used in error messages. */
    public static final String ACCEPTED = "an Iterable, Iterator, Stream, array or Map";

    private Items() {
    }

    /**
     * @param what  what the items are for, e.g. "map items"; starts the error message
     * @throws IllegalArgumentException for {@code null} or anything not listed in the class comment
     */
    @SuppressWarnings("unchecked")
    public static Iterator<Object> iterator(Object items, String what) {
        if (items instanceof Iterable) {
            return ((Iterable<Object>) items).iterator();
        }
        if (items instanceof Iterator) {
            return (Iterator<Object>) items;
        }
        if (items instanceof BaseStream) {
            return ((BaseStream<Object, ?>) items).iterator();
        }
        if (items instanceof Map) {
            return ((Map<Object, Object>) (Map<?, ?>) items).entrySet().stream().map(e -> (Object) e).iterator();
        }
        if (items instanceof Object[]) {
            return Arrays.asList((Object[]) items).iterator();
        }
        if (items != null && items.getClass().isArray()) {
            return primitives(items);
        }
        throw new IllegalArgumentException(what + ": expected " + ACCEPTED + ", got " + Functions.describe(items));
    }

    /**
     * @return whether reading {@code items} can never block (a collection, a Map or an array), so that a reader may
     * take many at once without delaying any of them
     */
    public static boolean inMemory(Object items) {
        return items instanceof java.util.Collection || items instanceof Map
                || (items != null && items.getClass().isArray());
    }

    private static Iterator<Object> primitives(Object array) {
        int length = Array.getLength(array);
        return new Iterator<>() {
            private int next;

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
        };
    }
}
