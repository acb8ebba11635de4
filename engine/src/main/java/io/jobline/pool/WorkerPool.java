package io.jobline.pool;

import io.jobline.backend.Backend;
import io.jobline.backend.Backends;
import io.jobline.function.Functions;
import io.jobline.live.LiveHandle;
import io.jobline.live.LiveRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

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
 * error. A {@code null} result is put as {@link #NULL} (queues cannot hold {@code null}). An exception from the
 * function, a malformed item and a failing {@code workerSetup} are errbox entries carrying the item and the
 * original exception; the worker lives on. {@code workerSetup} runs on a worker's thread just before its first
 * item, with the worker's index (1, 2 … as in its thread name {@code <name>-worker-N}); if it throws, that item is
 * reported as a {@link PoolError.Kind#SETUP SETUP} error and not run, and the worker tries its setup again before
 * its next item.
 *
 * <p><b>Ordering and blocking.</b> Workers take items in the inbox's order and run them concurrently, so results
 * arrive in completion order. Workers block on the inbox while it is empty; putting to a full bounded outbox or
 * errbox blocks the worker (back-pressure). The control methods never wait for a running function, except
 * {@code stop(true)} / {@code exile(true)}, which wait for the workers to finish the queued items.
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

    private enum Phase { RUNNING, STOPPED, EXILED }

    final PoolConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every change a waiting worker or the autoscaler must see. */
    private final Condition changed = lock.newCondition();
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicInteger indices = new AtomicInteger();
    private volatile boolean paused;
    private Phase phase = Phase.RUNNING;
    /** After stop(): how many more items the finishing workers take. */
    private int toFinish;
    private Object scaler;
    /** Runs the calls when the pool names a backend; closed once the pool is exiled and its workers are gone. */
    private final Backend backend;
    /** Items taken, results delivered, errors delivered: the live entry's counters. */
    final LongAdder taken = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    private volatile boolean cancelled;
    private volatile LiveHandle entry;

    private WorkerPool(PoolConfig config) {
        this.config = config;
        this.backend = config.backend == null ? null : Backends.create(config.backend, config.backendOptions);
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
        pool.lock.lock();
        try {
            pool.startWorkers(workers, false);
            pool.startScaler();
        } finally {
            pool.lock.unlock();
        }
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
        lock.lock();
        try {
            if (phase == Phase.EXILED) {
                throw new IllegalStateException("pool " + getName() + " is exiled; it cannot summon workers");
            }
            if (phase == Phase.STOPPED) {
                phase = Phase.RUNNING;
                startScaler();
            }
            startWorkers(n, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes {@code n} workers (all of them if there are fewer) leave the pool: idle ones at once, busy ones after
     * their current item. Returns without waiting. After {@link #stop(boolean)} there is nothing to banish.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void banish(int n) {
        requireCount("banish", n);
        lock.lock();
        try {
            // Idle workers first; busy is read once per worker, as it changes under our feet.
            List<Worker> candidates = new ArrayList<>();
            List<Worker> busy = new ArrayList<>();
            for (Worker worker : active()) {
                (worker.busy ? busy : candidates).add(worker);
            }
            candidates.addAll(busy);
            for (Worker worker : candidates.subList(0, Math.min(n, candidates.size()))) {
                worker.leaving = true;
                worker.wake(false);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return how many workers take items: those banished, and those finishing their last items after
     * {@link #stop(boolean)}, no longer count. The same workers {@link #banish(int)} and the autoscaler act on.
     */
    public int getSize() {
        lock.lock();
        try {
            return active().size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking items: when this returns, no worker takes another item until {@link #resume()}. Items already
     * taken run to the end. No effect once the pool is stopped, nor on workers still finishing the items counted by an
     * earlier {@link #stop(boolean)}.
     */
    public void pause() {
        lock.lock();
        try {
            if (phase != Phase.RUNNING) {
                return;
            }
            paused = true;
            for (Worker worker : workers) {
                worker.wake(true);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lets the workers take items again. */
    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #pause()} is in effect */
    public boolean isPaused() {
        return paused;
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
     * Stops now: the items still in the inbox are dropped (never run, never reported), running functions are
     * interrupted, and the pool is exiled. Returns without waiting.
     *
     * @return false if the pool was cancelled already, or exiled with its workers gone
     */
    public boolean cancel() {
        List<Thread> running;
        lock.lock();
        try {
            if (cancelled || isOver()) {
                return false;
            }
            cancelled = true;
            running = workers.stream().filter(w -> w.busy).map(w -> w.thread).collect(Collectors.toList());
        } finally {
            lock.unlock();
        }
        finish(true, false);
        running.forEach(Thread::interrupt);
        return true;
    }

    /** @return whether {@link #cancel()} stopped it */
    public boolean isCancelled() {
        return cancelled;
    }

    /** @return workers running a function now */
    int busyCount() {
        lock.lock();
        try {
            return (int) workers.stream().filter(w -> w.busy).count();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether it is exiled and its workers are gone: nothing will ever run in it again */
    boolean isOver() {
        lock.lock();
        try {
            return phase == Phase.EXILED && workers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #exile(boolean)} or {@link #close()} was called */
    public boolean isExiled() {
        lock.lock();
        try {
            return phase == Phase.EXILED;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "WorkerPool[" + getName() + ", " + getSize() + " workers, " + phase + (paused ? ", paused" : "")
                    + ", " + getInbox().size() + " queued]";
        } finally {
            lock.unlock();
        }
    }

    private void finish(boolean exile, boolean join) {
        List<Thread> threads;
        lock.lock();
        try {
            if (phase == Phase.RUNNING) {
                phase = Phase.STOPPED;
                paused = false;
                for (Worker worker : workers) {
                    worker.finishing = !worker.leaving;
                }
                // Counting only once no worker is inside inbox.take() makes the count exact.
                for (Worker worker : workers) {
                    worker.wake(true);
                }
                if (cancelled) {
                    getInbox().clear();
                }
                toFinish = getInbox().size();
                if (toFinish > 0 && workers.stream().noneMatch(w -> w.finishing)) {
                    startWorkers(Math.min(toFinish, Math.max(1, config.max)), true);
                }
                changed.signalAll();
            }
            if (exile) {
                phase = Phase.EXILED;
                closeBackendIfDone();
            }
            threads = workers.stream().map(w -> w.thread).collect(Collectors.toList());
        } finally {
            lock.unlock();
        }
        endIfOver();
        // A worker must not wait: it has items of its own to finish, and two workers stopping the pool at once
        // would wait for each other.
        if (join && !threads.contains(Thread.currentThread())) {
            joinAll(threads);
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
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!wanted.test(getSize())) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by a worker between items: blocks while the pool is paused.
     *
     * @return {@link Worker#EXIT}, {@link Worker#TAKE}, or (for a worker finishing after stop) the next item
     */
    Object awaitTurn(Worker worker) {
        lock.lock();
        try {
            while (true) {
                if (worker.leaving) {
                    return Worker.EXIT;
                }
                if (worker.finishing) {
                    Object item = toFinish > 0 ? getInbox().poll() : null;
                    if (item == null) {
                        return Worker.EXIT;
                    }
                    toFinish--;
                    return item;
                }
                if (!paused) {
                    return Worker.TAKE;
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    // A wake-up meant for inbox.take(); the loop looks at the state again.
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the backend the calls run on, or {@code null} for the workers' own threads */
    Backend backend() {
        return backend;
    }

    /** With the lock held: an exiled pool whose workers are gone needs its backend no more. */
    private void closeBackendIfDone() {
        if (backend != null && phase == Phase.EXILED && workers.isEmpty()) {
            backend.close();
        }
    }

    /** Called by a worker thread as it ends. */
    void exited(Worker worker) {
        lock.lock();
        try {
            workers.remove(worker);
            closeBackendIfDone();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        endIfOver();
    }

    /** Ends the live entry once the pool is over; called with the lock released (listeners run on this thread). */
    private void endIfOver() {
        if (isOver()) {
            entry.end();
        }
    }

    /** One autoscaling step; see the class comment. Called by the {@link Autoscaler} with the lock held. */
    void scale() {
        if (paused || phase != Phase.RUNNING) {
            return;
        }
        List<Worker> active = active();
        int size = active.size();
        int queued = getInbox().size();
        if (size < config.min) {
            startWorkers(config.min - size, false);
        } else if (size < config.max && queued > config.ratio * size) {
            int wanted = (int) Math.min(config.max, Math.max(size + 1, Math.ceil(queued / config.ratio)));
            startWorkers(wanted - size, false);
        } else if (queued == 0 && size > config.min) {
            active.stream().filter(w -> !w.busy).findFirst().ifPresent(idle -> {
                idle.leaving = true;
                idle.wake(false);
                changed.signalAll();
            });
        }
    }

    /** @return whether the autoscaler {@code token} should keep running, waiting up to {@code nanos} first */
    boolean awaitScaling(Object token, long nanos) throws InterruptedException {
        long left = nanos;
        while (left > 0 && scaler == token && phase == Phase.RUNNING) {
            left = changed.awaitNanos(left);
        }
        return scaler == token && phase == Phase.RUNNING;
    }

    ReentrantLock lock() {
        return lock;
    }

    private List<Worker> active() {
        return workers.stream().filter(w -> !w.leaving && !w.finishing).collect(Collectors.toList());
    }

    private void startWorkers(int n, boolean finishing) {
        for (int i = 0; i < n; i++) {
            Worker worker = new Worker(this, indices.incrementAndGet(), finishing);
            workers.add(worker);
            worker.thread.start();
        }
        changed.signalAll();
    }

    private void startScaler() {
        if (config.autoscaling()) {
            Autoscaler autoscaler = new Autoscaler(this, config.interval);
            scaler = autoscaler;
            Thread thread = config.threads.newThread(autoscaler);
            thread.setName(getName() + "-scaler");
            thread.start();
        }
    }

    private static void requireCount(String method, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(method + ": the number of workers must be >= 0, got " + n);
        }
    }
}
