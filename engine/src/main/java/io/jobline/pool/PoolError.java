package io.jobline.pool;

import io.jobline.util.Show;


/**
 * One failure reported to a {@link WorkerPool}'s errbox: which inbox item caused it, what went wrong, and on which
 * worker. Immutable.
 *
 * <p>The {@link #getException() exception} is the original one, stack trace included; nothing is wrapped.
 */
public final class PoolError {

    /** What failed. */
    public enum Kind {
        /** The item's function threw. */
        CALL,
        /** The item was not {@code [function, args, kwargs]}; the function was never called. */
        MALFORMED,
        /**
         * The worker's {@code workerSetup} threw before it could run the item, so the item was not run. The worker
         * stays in the pool and tries its setup again before its next item.
         */
        SETUP,
        /**
         * The function ran, but the outbox refused its result: the outbox's put threw (a
         * {@link java.util.concurrent.PriorityBlockingQueue} given a value that is not {@link Comparable}, such as
         * {@link WorkerPool#NULL}); the exception is the one the outbox threw. The worker lives on.
         */
        OUTBOX
    }

    private static final int SHOWN = 200;

    private final Kind kind;
    private final Object item;
    private final Throwable exception;
    private final String worker;

    PoolError(Kind kind, Object item, Throwable exception, String worker) {
        this.kind = kind;
        this.item = item;
        this.exception = exception;
        this.worker = worker;
    }

    /** @return what failed */
    public Kind getKind() {
        return kind;
    }

    /** @return the inbox item exactly as it was taken from the inbox */
    public Object getItem() {
        return item;
    }

    /** @return the exception, with its original stack trace */
    public Throwable getException() {
        return exception;
    }

    /** @return the name of the worker thread that reported it, e.g. {@code pool-1-worker-3} */
    public String getWorker() {
        return worker;
    }

    @Override
    public String toString() {
        return "PoolError[" + kind + " on " + worker + ", item " + show(item) + ": " + exception + "]";
    }

    /** @return {@code item} as text short enough for a message */
    static String show(Object item) {
        return Show.text(item, SHOWN);
    }
}
