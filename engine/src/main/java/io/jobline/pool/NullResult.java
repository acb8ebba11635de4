package io.jobline.pool;

import java.io.Serializable;

/**
 * Stands for a {@code null} result in a {@link WorkerPool}'s outbox, because a {@link java.util.concurrent.BlockingQueue}
 * cannot hold {@code null}. There is one instance, {@link WorkerPool#NULL}.
 *
 * <p>It prints as {@code null} and is false in Groovy ({@code if (result)}, {@code findAll()}), so most code treats
 * it like {@code null} without thinking about it; {@link #unwrap(Object)} turns it back into a real {@code null}.
 */
public final class NullResult implements Serializable {

    private static final long serialVersionUID = 1L;

    static final NullResult INSTANCE = new NullResult();

    private NullResult() {
    }

    /** @return {@code null} for {@link WorkerPool#NULL}, otherwise {@code result} itself */
    public static Object unwrap(Object result) {
        return result instanceof NullResult ? null : result;
    }

    /** Groovy truth: false, like {@code null}. */
    public boolean asBoolean() {
        return false;
    }

    @Override
    public String toString() {
        return "null";
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
