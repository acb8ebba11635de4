package io.jobline.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * A {@link WorkerPool}'s workers and the state they obey (paused, stopped, exiled, how many items are left to
 * finish), under one lock: what the workers ask between items ({@link #awaitTurn}), and the changes the pool's
 * control methods and its autoscaler make. The pool's class comment states the behaviour; this class keeps it
 * consistent. It never calls out to the backend or the live registry: it says when the pool is done with them.
 */
final class Crew {

    private enum Phase { RUNNING, STOPPED, EXILED }

    /** What {@link #finish} did: the workers' threads (to join), and whether the backend can be closed now. */
    record Finished(List<Thread> threads, boolean closeBackend) {
    }

    private final WorkerPool pool;
    private final PoolConfig config;
    private final boolean hasBackend;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every change a waiting worker or the autoscaler must see. */
    private final Condition changed = lock.newCondition();
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicInteger indices = new AtomicInteger();
    private volatile boolean paused;
    private volatile boolean cancelled;
    private Phase phase = Phase.RUNNING;
    /** After stop(): how many more items the finishing workers take. */
    private int toFinish;
    private Object scaler;

    Crew(WorkerPool pool, PoolConfig config, boolean hasBackend) {
        this.pool = pool;
        this.config = config;
        this.hasBackend = hasBackend;
    }

    /** Starts the first workers (and the autoscaler). */
    void start(int n) {
        lock.lock();
        try {
            startWorkers(n, false);
            startScaler();
        } finally {
            lock.unlock();
        }
    }

    void summon(int n) {
        lock.lock();
        try {
            if (phase == Phase.EXILED) {
                throw new IllegalStateException("pool " + config.name + " is exiled; it cannot summon workers");
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

    void banish(int n) {
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

    int size() {
        lock.lock();
        try {
            return active().size();
        } finally {
            lock.unlock();
        }
    }

    void pause() {
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

    void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isPaused() {
        return paused;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** @return the threads running an item now, or null if the pool was cancelled already or is over */
    List<Thread> cancel() {
        lock.lock();
        try {
            if (cancelled || isOver()) {
                return null;
            }
            cancelled = true;
            return workers.stream().filter(w -> w.busy).map(w -> w.thread).collect(Collectors.toList());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops (the workers finish the items queued now), and exiles if asked. Once cancelled, the inbox is dropped
     * (counted) and nothing is left to finish, whenever that happens: also after an earlier stop or exile counted the
     * items, so a cancel that comes while an exile joins (Ctrl-C at the end of a DSL pool block) still drops them.
     */
    Finished finish(boolean exile) {
        lock.lock();
        try {
            boolean stopping = phase == Phase.RUNNING;
            if (stopping) {
                phase = Phase.STOPPED;
                paused = false;
                for (Worker worker : workers) {
                    worker.finishing = !worker.leaving;
                }
                // Counting only once no worker is inside inbox.take() makes the count exact.
                for (Worker worker : workers) {
                    worker.wake(true);
                }
            }
            if (cancelled) {
                // Finishing workers take only what toFinish allows, under this lock: none of these items will run.
                pool.dropped.add(Boxes.drain(config.inbox).size());
                toFinish = 0;
            } else if (stopping) {
                toFinish = config.inbox.size();
                if (toFinish > 0 && workers.stream().noneMatch(w -> w.finishing)) {
                    startWorkers(Math.min(toFinish, Math.max(1, config.max)), true);
                }
            }
            changed.signalAll();
            boolean closeBackend = false;
            if (exile) {
                phase = Phase.EXILED;
                closeBackend = backendDone();
            }
            return new Finished(workers.stream().map(w -> w.thread).collect(Collectors.toList()), closeBackend);
        } finally {
            lock.unlock();
        }
    }

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

    boolean isExiled() {
        lock.lock();
        try {
            return phase == Phase.EXILED;
        } finally {
            lock.unlock();
        }
    }

    /** @return "3 workers, RUNNING, paused" */
    String describe() {
        lock.lock();
        try {
            return active().size() + " workers, " + phase + (paused ? ", paused" : "");
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@code wanted} held for {@link #size()} before {@code timeout} passed */
    boolean awaitSize(IntPredicate wanted, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!wanted.test(active().size())) {
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
                    Object item = toFinish > 0 ? config.inbox.poll() : null;
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

    /** Called by a worker thread as it ends. @return whether the pool's backend can be closed now */
    boolean exited(Worker worker) {
        lock.lock();
        try {
            workers.remove(worker);
            changed.signalAll();
            return backendDone();
        } finally {
            lock.unlock();
        }
    }

    /** One autoscaling step; see the pool's class comment. Called by the {@link Autoscaler} with the lock held. */
    void scale() {
        if (paused || phase != Phase.RUNNING) {
            return;
        }
        List<Worker> active = active();
        int size = active.size();
        int queued = config.inbox.size();
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

    /**
     * With the lock held: an exiled pool whose workers are gone needs its backend no more. The caller closes it once
     * the lock is released: closing waits for worker processes to exit, which must not hold up the pool's lock.
     */
    private boolean backendDone() {
        return hasBackend && phase == Phase.EXILED && workers.isEmpty();
    }

    private List<Worker> active() {
        return workers.stream().filter(w -> !w.leaving && !w.finishing).collect(Collectors.toList());
    }

    private void startWorkers(int n, boolean finishing) {
        for (int i = 0; i < n; i++) {
            Worker worker = new Worker(pool, indices.incrementAndGet(), finishing);
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
            thread.setName(config.name + "-scaler");
            thread.start();
        }
    }
}
