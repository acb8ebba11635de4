package io.jobline.pool;

import io.jobline.function.JobFunction;
import io.jobline.util.Show;

import java.util.concurrent.BlockingQueue;

/**
 * One worker thread of a {@link WorkerPool}: takes inbox items and reports each one's result or error.
 *
 * <p>The pool wakes a worker blocked on the inbox by interrupting it, and only then: {@link #wake} interrupts only
 * while the worker is inside {@code inbox.take()}, under this object's monitor, so an interrupt never reaches the
 * user's function.
 */
final class Worker implements Runnable {

    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());

    /** {@link WorkerPool#awaitTurn} answers: leave the pool. */
    static final Object EXIT = new Object();
    /** {@link WorkerPool#awaitTurn} answers: block on the inbox for the next item. */
    static final Object TAKE = new Object();

    private final WorkerPool pool;
    private final BlockingQueue<Object> inbox;
    private final JobFunction setup;
    final int index;
    final Thread thread;

    /** Set by the pool: exit after the current item. */
    volatile boolean leaving;
    /** Set by the pool's stop(): take only the items counted at stop, without blocking, then exit. */
    volatile boolean finishing;
    /** Running an item (not waiting for one). */
    volatile boolean busy;

    private boolean inTake;
    private boolean setUp;
    private Object workerData;

    Worker(WorkerPool pool, int index, boolean finishing) {
        this.pool = pool;
        this.inbox = pool.getInbox();
        this.setup = pool.config.workerSetup;
        this.index = index;
        this.finishing = finishing;
        this.thread = pool.config.threads.newThread(this);
        thread.setName(pool.getName() + "-worker-" + index);
    }

    @Override
    public void run() {
        try {
            for (Object item = next(); item != null; item = next()) {
                process(item);
            }
        } finally {
            pool.exited(this);
        }
    }

    /** @return the next item, or {@code null} when this worker must exit */
    private Object next() {
        while (true) {
            Object turn = pool.awaitTurn(this);
            if (turn == EXIT) {
                return null;
            }
            Object item = turn == TAKE ? take() : turn;
            if (item != null) {
                return item;
            }
        }
    }

    /** @return an inbox item, or {@code null} if the pool woke this worker (or is about to) to look at its state */
    private Object take() {
        synchronized (this) {
            if (leaving || finishing || pool.isPaused()) {
                return null;
            }
            inTake = true;
        }
        try {
            return inbox.take();
        } catch (InterruptedException e) {
            return null;
        } finally {
            synchronized (this) {
                inTake = false;
                // An interrupt that lost the race with an item is a stale wake-up, not meant for the item's function.
                Thread.interrupted();
                notifyAll();
            }
        }
    }

    /**
     * Interrupts this worker if it is blocked on the inbox, so it sees a state change the caller has just made.
     *
     * @param untilOut also wait until it has left {@code inbox.take()}: after that it cannot take another item
     *                 without seeing the change
     */
    void wake(boolean untilOut) {
        synchronized (this) {
            if (!inTake) {
                return;
            }
            thread.interrupt();
            boolean interrupted = false;
            while (untilOut && inTake) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void process(Object item) {
        busy = true;
        pool.taken.increment();
        try {
            PoolCall call;
            try {
                call = PoolCall.parse(item);
            } catch (RuntimeException e) {
                report(PoolError.Kind.MALFORMED, item, e);
                return;
            }
            if (setup != null && !setUp) {
                try {
                    workerData = setup.call(index);
                    setUp = true;
                } catch (Throwable e) {
                    report(PoolError.Kind.SETUP, item, e);
                    return;
                }
            }
            Object result;
            try {
                result = call.call(setup != null, workerData, pool.backend(), pool.getName());
            } catch (Throwable e) {
                report(PoolError.Kind.CALL, item, e);
                return;
            }
            deliverResult(item, result == null ? WorkerPool.NULL : result);
        } finally {
            // The function may have left its thread interrupted; that must not leak into the next item.
            Thread.interrupted();
            busy = false;
        }
    }

    /** Puts the result; an outbox whose put throws refused it, which makes the item an OUTBOX error instead. */
    private void deliverResult(Object item, Object result) {
        boolean put;
        try {
            put = deliver(pool.getOutbox(), result);
        } catch (RuntimeException | Error refused) {
            // Uncaught, it would end this worker with the item neither delivered nor reported.
            report(PoolError.Kind.OUTBOX, item, refused);
            return;
        }
        if (put) {
            pool.delivered.increment();
        }
    }

    private void report(PoolError.Kind kind, Object item, Throwable exception) {
        PoolError error = new PoolError(kind, item, exception, thread.getName());
        boolean put;
        try {
            put = deliver(pool.getErrbox(), error);
        } catch (RuntimeException | Error refused) {
            // The errbox refused it too: the log is the one place left to report it, and the drop count keeps the
            // item accounted for. The worker lives on.
            pool.dropped.increment();
            LOG.log(System.Logger.Level.ERROR, () -> "pool " + pool.getName() + ": the errbox refused the "
                    + kind + " error of item " + PoolError.show(item) + " on " + thread.getName() + " (its put threw "
                    + refused.getClass().getName() + ": " + Show.text(Show.message(refused), 200) + "); the error: "
                    + Show.trace(exception, 20));
            return;
        }
        if (put) {
            pool.failed.increment();
        }
    }

    /**
     * Puts {@code value} in {@code box}, blocking while a bounded box is full, even if interrupted (only the
     * function's leftovers or {@link WorkerPool#cancel()} interrupt a busy worker). Once the pool is cancelled it
     * no longer waits: nobody may ever take from the box again, and a worker that never ends keeps the pool (and
     * its worker processes) alive, so a value that does not fit at once is dropped and counted.
     *
     * <p>No interrupt is lost to a race: cancel() sets the flag, then interrupts the workers that were busy. A worker
     * that saw no flag here was busy then, so the interrupt reaches the put below or arrives before it.
     *
     * @return whether it was put
     * @throws RuntimeException whatever the box's put or offer threw (an Error too): it refused the value
     */
    private <T> boolean deliver(BlockingQueue<T> box, T value) {
        while (!pool.isCancelled()) {
            try {
                box.put(value);
                return true;
            } catch (InterruptedException e) {
                // Look at the cancelled flag again.
            }
        }
        if (box.offer(value)) {
            return true;
        }
        pool.dropped.increment();
        return false;
    }
}
