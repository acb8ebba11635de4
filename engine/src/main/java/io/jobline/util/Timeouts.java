package io.jobline.util;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One shared daemon timer thread for every deadline in Jobline (run timeouts, map timeouts). */
public final class Timeouts {

    private static final ScheduledExecutorService TIMER = create();

    private Timeouts() {
    }

    /**
     * Runs {@code action} once {@code delay} has passed, on the timer thread; the action must be quick and must not
     * block. Cancel the returned future when the deadline no longer matters.
     */
    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledExecutorService create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Threads.factory("jobline-timer", false));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
