package io.jobline.backend;

/**
 * Optional capability of a {@link Backend}: ending gracefully by itself, the way
 * {@link java.util.concurrent.ExecutorService#shutdown()} and {@code awaitTermination} do. An executor that owns
 * such a backend lets it wait for the work at close, instead of keeping track of every future it handed out.
 */
public interface Drainable {

    /**
     * Stops accepting work (submissions then throw {@link IllegalStateException}), cancels the work that has not
     * started when {@code cancelPending}, and waits until every future this backend returned is final. Does not
     * release the backend: {@link Backend#close()} still must be called. Idempotent.
     *
     * @throws InterruptedException if interrupted while waiting; the backend still accepts no more work
     */
    void drain(boolean cancelPending) throws InterruptedException;
}
