package io.jobline.pipeline;

/** What a stage needs from the run it belongs to. */
interface RunContext {

    /** @return the pipeline's name, for thread names */
    String name();

    /** @return the run's id, for the origin of the work its stages send to backends */
    long id();

    /** @return whether the run has stopped (failed, cancelled, timed out): workers leave after the current item */
    boolean stopping();

    /** Applies the error policy to a failed item. */
    void reportError(StageError error);

    /**
     * Fails the run with {@code error} whatever the error policy: for a fault that is no item's (a worker that broke
     * or was interrupted from outside), after which items could be lost or wait for ever. No effect once it stopped.
     */
    void fail(StageError error);
}
