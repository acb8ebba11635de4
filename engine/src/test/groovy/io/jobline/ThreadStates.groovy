package io.jobline

import java.util.concurrent.TimeUnit

/** Test helper: observing what a thread is doing, without sleeping. */
final class ThreadStates {

    private ThreadStates() {
    }

    /**
     * Waits (up to 5 s, yielding the CPU) until {@code thread} is parked without a timeout (Thread.State.WAITING),
     * as it is when it blocks on a latch, a future or a semaphore. Code that polled or slept would be RUNNABLE or
     * TIMED_WAITING instead.
     */
    static boolean parks(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5)
        while (System.nanoTime() < deadline) {
            if (thread.state == Thread.State.WAITING) {
                return true
            }
            Thread.yield()
        }
        false
    }
}
