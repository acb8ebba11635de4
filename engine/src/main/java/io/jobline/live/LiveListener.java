package io.jobline.live;

/**
 * Told when things start and end in a {@link LiveRegistry} scope or any scope below it. Called on the thread that
 * registered or ended the thing, never with a registry lock held; it must not block (queue the work elsewhere). An
 * exception it throws is logged and otherwise ignored: it never reaches the front end.
 */
public interface LiveListener {

    /** The entry was registered; it is live. */
    void started(LiveEntry entry);

    /** The entry ended; its state is final and its snapshot is the last one. */
    void ended(LiveEntry entry);
}
