package io.jobline.executor;

import java.util.List;

/** How a {@code map} item becomes a function's arguments. */
final class MapArgs {

    private MapArgs() {
    }

    /**
     * @param spread whether a List or array item is spread into separate arguments ({@code spread: true}, the
     *               original map library's unpacking of iterable elements); otherwise every item is one argument
     */
    static Object[] of(Object item, boolean spread) {
        if (spread) {
            if (item instanceof List) {
                return ((List<?>) item).toArray();
            }
            if (item instanceof Object[]) {
                return (Object[]) item;
            }
        }
        return new Object[] {item};
    }
}
