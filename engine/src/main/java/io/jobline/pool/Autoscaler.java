package io.jobline.pool;

import java.time.Duration;

/**
 * A pool's autoscaling thread: one {@link Crew#scale()} step every interval while the pool runs. It ends
 * when the pool stops (a later summon starts a new one).
 */
final class Autoscaler implements Runnable {

    private final Crew pool;
    private final long intervalNanos;

    Autoscaler(Crew pool, Duration interval) {
        this.pool = pool;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void run() {
        pool.lock().lock();
        try {
            while (pool.awaitScaling(this, intervalNanos)) {
                pool.scale();
            }
        } catch (InterruptedException e) {
            // Nobody interrupts the autoscaler but the JVM shutting down; ending is all it can do.
        } finally {
            pool.lock().unlock();
        }
    }
}
