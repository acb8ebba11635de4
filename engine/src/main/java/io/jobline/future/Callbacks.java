package io.jobline.future;

import java.util.function.Consumer;

/**
 * Runs completion callbacks ({@code onDone}) so that one that throws neither fails the thing it watches nor the
 * other callbacks, and is not lost either: its exception is logged once, as a WARNING of {@code io.jobline.future},
 * naming what the callback watched.
 */
public final class Callbacks {

    private static final System.Logger LOG = System.getLogger("io.jobline.future");

    private Callbacks() {
    }

    /**
     * Calls {@code callback.accept(value)}; an exception or error it throws is logged, never propagated.
     *
     * @param owner what the callback watches, for the log line (its {@code toString()} must be Jobline's own)
     */
    public static <T> void callLogged(Consumer<? super T> callback, T value, Object owner) {
        try {
            callback.accept(value);
        } catch (Throwable e) { // Throwable: Groovy closures throw checked exceptions undeclared
            LOG.log(System.Logger.Level.WARNING, "the onDone callback of " + owner + " threw " + e
                    + " (ignored: the callback's failure does not change the result)");
        }
    }
}
