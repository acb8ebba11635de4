package io.jobline.live;

/** What {@link LiveRegistry#addListener} and {@link StatsSampler#subscribe} return: closing it ends the subscription. */
public interface LiveSubscription extends AutoCloseable {

    /** Ends the subscription. Idempotent; never throws. */
    @Override
    void close();
}
