package io.jobline.pool;

import io.jobline.backend.Backend;
import io.jobline.function.Functions;
import io.jobline.live.LiveHandle;
import io.jobline.live.LiveRegistry;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * A pool of worker threads fed through queues (Python's {@code workers}): put {@code [function, args, kwargs]}
 * items in the {@link #getInbox() inbox}; each result goes to the {@link #getOutbox() outbox}, each failure to the
 * {@link #getErrbox() errbox} as a {@link PoolError}.
 *
 * <p><b>Calls.</b> An item is a List or Object[] of one to three elements: the function (anything
 * {@link Functions#of(Object)} accepts), its positional arguments (a List or array) and its named arguments (a
 * Map); the last two may be omitted or {@code null}. With named arguments the function is called as
 * {@code fn(kwargs, *args)}, Groovy's convention (the Map comes first), otherwise as {@code fn(*args)}. With a
 * {@code workerSetup}, each call also gets the named argument {@code workerData}: the value the setup returned
 * for that worker (it replaces a {@code workerData} given in the item).
 *
 * <p><b>Results and failures.</b> Every item taken from the inbox ends as exactly one outbox result or one errbox
 * error, or is dropped and counted by {@link #getDropped()} (after {@link #cancel()}, or when the errbox refuses
 * its error). A {@code null} result is put as {@link #NULL} (queues cannot hold {@code null}). An exception from
 * the function, a malformed item and a failing {@code workerSetup} are errbox entries carrying the item and the
 * original exception; so is a result the outbox refused (its put threw, e.g. a
 * {@link java.util.concurrent.PriorityBlockingQueue} given {@link #NULL}): an {@link PoolError.Kind#OUTBOX OUTBOX}
 * error. An error the errbox refused is logged. In every case the worker lives on. {@code workerSetup} runs on a
 * worker's thread just before its first item, with the worker's index (1, 2 … as in its thread name
 * {@code <name>-worker-N}); if it throws, that item is reported as a {@link PoolError.Kind#SETUP SETUP} error and
 * not run, and the worker tries its setup again before its next item.
 *
 * <p><b>Ordering and blocking.</b> Workers take items in the inbox's order and run them concurrently, so results
 * arrive in completion order. Workers block on the inbox while it is empty; putting to a full bounded outbox or
 * errbox blocks the worker (back-pressure) until there is room or the pool is {@link #cancel() cancelled}. The
 * control methods never wait for a running function, except {@code stop(true)} / {@code exile(true)}, which wait
 * for the workers to finish the queued items.
 *
 * <p><b>Size.</b> {@link #summon(int)} adds workers at once; {@link #banish(int)} makes workers leave after their
 * current item (idle ones first, at once, without waiting for another item). With {@code max > min} the pool
 * autoscales: every {@code interval} it grows towards {@code queued / ratio} workers (up to {@code max}) while more
 * than {@code ratio} items per worker are queued, and lets one idle worker go (down to {@code min}) when the inbox
 * is empty; it also brings a pool banished below {@code min} back to {@code min}. It never stalls at zero workers:
 * with {@code min: 0} it grows at the first check after an item is queued. The autoscaler rests while paused.
 *
 * <p><b>Lifecycle.</b> {@link #pause()}: when it returns, no worker takes another item until {@link #resume()};
 * items already taken finish. {@link #stop(boolean)}: the workers finish the items queued at that moment, then
 * exit; items put afterwards stay in the inbox (a later {@link #summon(int)} starts the pool again).
 * {@link #exile(boolean)}: the same, and the pool is closed for good. Worker threads are daemon (or virtual)
 * threads, so a forgotten pool does not keep the JVM alive.
 *
 * <p><b>Live.</b> A pool is listed in {@link LiveRegistry#current()} (kind {@code pool}) until it is exiled and its
 * workers are gone; cancelling its entry is {@link #cancel()}, resizing its part {@code workers} summons or banishes.
 *
 * <p>All methods are safe to call from any thread, including from inside a pool's own functions (a worker never
 * waits for its own pool).
 */
public final class WorkerPool implements AutoCloseable {

    /** Put in the outbox for a call that returned {@code null}. */
    public static final NullResult NULL = NullResult.INSTANCE;

    final PoolConfig config;
    /** The workers and the state they obey; the lock behind every control method. */
    private final Crew crew;
    /** Runs the calls when the pool names a backend; closed once the pool is exiled and its workers are gone. */
    private final Backend backend;
    /** Items taken, results delivered, errors delivered: the live entry's counters. */
    final LongAdder taken = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    /** Items that ended as neither a result nor an error in the errbox: see {@link #getDropped()}. */
    final LongAdder dropped = new LongAdder();
    private volatile LiveHandle entry;

    private WorkerPool(PoolConfig config) {
        this.config = config;
        this.backend = config.backendSpec == null ? null : config.backendSpec.create();
        this.crew = new Crew(this, config, backend != null);
    }

    /**
     * Creates a pool and starts its workers (and, when it autoscales, a {@code <name>-scaler} thread).
     *
     * @param workers how many workers to start with (at least 0)
     * @param options {@code min}, {@code max} (both default to {@code workers}; autoscaling is on when
     *                {@code max > min}), {@code inbox}, {@code outbox}, {@code errbox} (BlockingQueues; default
     *                unbounded LinkedBlockingQueues), {@code workerSetup} (a function of the worker index),
     *                {@code threads} ({@code 'platform'} or {@code 'virtual'}), {@code ratio} (queued items per
     *                worker above which it grows; default 1), {@code interval} (seconds or a Duration between
     *                autoscaling checks; default 0.1 s; {@code ratio} and {@code interval} matter only when
     *                {@code max > min}), {@code name} (default {@code pool-N}), {@code backend} (where the calls
     *                run, default the workers' own threads; with {@code 'process'} each worker hands its calls to a
     *                pool of worker JVMs, configured by that backend's options, e.g. {@code jvmArgs}, and closed
     *                when the pool is exiled); may be {@code null}
     * @throws IllegalArgumentException for an unknown option or an invalid value, saying what is valid
     */
    public static WorkerPool create(int workers, Map<String, ?> options) {
        WorkerPool pool = new WorkerPool(new PoolConfig(workers, options));
        pool.entry = LiveRegistry.current().register(new PoolLive(pool), null); // listeners run here: no lock held
        pool.crew.start(workers);
        return pool;
    }

    /** {@code create(workers, null)}. */
    public static WorkerPool create(int workers) {
        return create(workers, null);
    }

    /** @return where callers put {@code [function, args, kwargs]} items */
    public BlockingQueue<Object> getInbox() {
        return config.inbox;
    }

    /** @return where the workers put results, {@link #NULL} for {@code null} */
    public BlockingQueue<Object> getOutbox() {
        return config.outbox;
    }

    /** @return where the workers put a {@link PoolError} for each item that failed */
    public BlockingQueue<PoolError> getErrbox() {
        return config.errbox;
    }

    /** @return the pool's name, the prefix of its thread names */
    public String getName() {
        return config.name;
    }

    /** @return the least number of workers the autoscaler keeps */
    public int getMin() {
        return config.min;
    }

    /** @return the most workers the autoscaler starts ({@link #summon(int)} may go beyond) */
    public int getMax() {
        return config.max;
    }

    /**
     * Puts {@code [fn, args, kwargs]} in the inbox, blocking while a bounded inbox is full.
     *
     * @param args   positional arguments; may be {@code null}
     * @param kwargs named arguments; may be {@code null}
     * @throws IllegalArgumentException if {@code fn} is not a function
     * @throws IllegalStateException    if the pool is exiled (nothing would ever take the item)
     */
    public void put(Object fn, List<?> args, Map<String, ?> kwargs) throws InterruptedException {
        if (!Functions.isFunction(fn)) {
            throw new IllegalArgumentException("put: not a function: " + Functions.describe(fn) + "; expected "
                    + Functions.ACCEPTED);
        }
        if (isExiled()) {
            throw new IllegalStateException("pool " + getName() + " is exiled; nothing would take the item");
        }
        getInbox().put(Arrays.asList(fn, args, kwargs));
    }

    /** {@code put(fn, args, null)}. */
    public void put(Object fn, List<?> args) throws InterruptedException {
        put(fn, args, null);
    }

    /**
     * Starts {@code n} more workers at once. After {@link #stop(boolean)} this starts the pool again.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws IllegalStateException    if the pool is exiled
     */
    public void summon(int n) {
        requireCount("summon", n);
        crew.summon(n);
    }

    /**
     * Makes {@code n} workers (all of them if there are fewer) leave the pool: idle ones at once, busy ones after
     * their current item. Returns without waiting. After {@link #stop(boolean)} there is nothing to banish.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void banish(int n) {
        requireCount("banish", n);
        crew.banish(n);
    }

    /**
     * @return how many workers take items: those banished, and those finishing their last items after
     * {@link #stop(boolean)}, no longer count. The same workers {@link #banish(int)} and the autoscaler act on.
     */
    public int getSize() {
        return crew.size();
    }

    /**
     * Stops taking items: when this returns, no worker takes another item until {@link #resume()}. Items already
     * taken run to the end. No effect once the pool is stopped, nor on workers still finishing the items counted by an
     * earlier {@link #stop(boolean)}.
     */
    public void pause() {
        crew.pause();
    }

    /** Lets the workers take items again. */
    public void resume() {
        crew.resume();
    }

    /** @return whether {@link #pause()} is in effect */
    public boolean isPaused() {
        return crew.isPaused();
    }

    /**
     * Lets the workers finish every item queued in the inbox now, then exit (a paused pool is resumed; a pool with
     * no workers gets up to {@code max} of them to do this). Items put after this call stay in the inbox. The
     * autoscaler stops. Returns at once unless {@code join}; a later {@link #stop}, {@link #exile} or
     * {@link #close} does not count the inbox again. With a bounded outbox or errbox, joining needs someone to keep
     * taking from it.
     *
     * @param join wait until the workers have exited; if the waiting thread is interrupted, it stops waiting and
     *             keeps its interrupt status. Ignored when called by one of this pool's workers (from a function
     *             it runs): a worker never waits for the pool it belongs to
     */
    public void stop(boolean join) {
        finish(false, join);
    }

    /** Like {@link #stop(boolean)}, and the pool is closed for good: {@link #summon(int)} and {@link #put} fail. */
    public void exile(boolean join) {
        finish(true, join);
    }

    /** {@code exile(true)}. */
    public void exile() {
        exile(true);
    }

    /** {@code exile(true)}. */
    @Override
    public void close() {
        exile(true);
    }

    /**
     * Stops now: the items still in the inbox are dropped (never run, never reported, counted by
     * {@link #getDropped()}), also those an earlier {@link #stop} or {@link #exile} left for the workers to finish;
     * running functions are interrupted, and the pool is exiled. From then on no worker waits for room in a full
     * bounded outbox or errbox: a result or error that does not fit at once is dropped (counted), so the workers end
     * (and the worker processes of a {@code backend: 'process'} pool stop) even if nobody takes from the boxes.
     * Returns without waiting; a thread joining in {@code stop(true)} or {@code exile(true)} returns once the
     * running functions end.
     *
     * @return false if the pool was cancelled already, or exiled with its workers gone
     */
    public boolean cancel() {
        List<Thread> running = crew.cancel();
        if (running == null) {
            return false;
        }
        finish(true, false);
        running.forEach(Thread::interrupt);
        return true;
    }

    /**
     * @return how many items ended as neither an outbox result nor an errbox error: the inbox items {@link #cancel()}
     * dropped, the results and errors that did not fit their box after it, and the errors an errbox refused (its put
     * threw; each is logged instead)
     */
    public long getDropped() {
        return dropped.sum();
    }

    /** @return whether {@link #cancel()} stopped it */
    public boolean isCancelled() {
        return crew.isCancelled();
    }

    /** @return workers running a function now */
    int busyCount() {
        return crew.busyCount();
    }

    /** @return whether it is exiled and its workers are gone: nothing will ever run in it again */
    boolean isOver() {
        return crew.isOver();
    }

    /** @return whether {@link #exile(boolean)} or {@link #close()} was called */
    public boolean isExiled() {
        return crew.isExiled();
    }

    @Override
    public String toString() {
        return "WorkerPool[" + getName() + ", " + crew.describe() + ", " + getInbox().size() + " queued]";
    }

    private void finish(boolean exile, boolean join) {
        Crew.Finished finished = crew.finish(exile);
        if (finished.closeBackend()) {
            backend.close();
        }
        endIfOver();
        // A worker must not wait: it has items of its own to finish, and two workers stopping the pool at once
        // would wait for each other.
        if (join && !finished.threads().contains(Thread.currentThread())) {
            joinAll(finished.threads());
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits until {@code wanted} holds for {@link #getSize()}; for specs and live views, which have no other event
     * to wait for when the autoscaler acts.
     *
     * @return whether it held before {@code timeout} passed
     */
    boolean awaitSize(IntPredicate wanted, Duration timeout) throws InterruptedException {
        return crew.awaitSize(wanted, timeout);
    }

    /**
     * Called by a worker between items: blocks while the pool is paused.
     *
     * @return {@link Worker#EXIT}, {@link Worker#TAKE}, or (for a worker finishing after stop) the next item
     */
    Object awaitTurn(Worker worker) {
        return crew.awaitTurn(worker);
    }

    /** @return the backend the calls run on, or {@code null} for the workers' own threads */
    Backend backend() {
        return backend;
    }

    /** Called by a worker thread as it ends. */
    void exited(Worker worker) {
        if (crew.exited(worker)) {
            backend.close();
        }
        endIfOver();
    }

    /** Ends the live entry once the pool is over; called with the lock released (listeners run on this thread). */
    private void endIfOver() {
        if (isOver()) {
            entry.end();
        }
    }

    private static void requireCount(String method, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(method + ": the number of workers must be >= 0, got " + n);
        }
    }
}
