package io.jobline.backend.process;

import io.jobline.backend.Lifecycle;
import io.jobline.backend.WorkOrigin;
import io.jobline.remote.JobTable;
import io.jobline.remote.Outcome;
import io.jobline.remote.Wire;
import io.jobline.util.Timeouts;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@link ProcessBackend}'s calls and workers: which call goes to which worker, starting and replacing workers,
 * and what happens to calls when a worker replies, dies, or a call is cancelled or times out. Everything it holds
 * is guarded by one lock; futures are completed only once that lock is released (see {@code later}).
 *
 * <p><b>Dead workers and at-most-once.</b> A worker says {@link Frames#STARTED} (flushed) before it runs a call, so
 * when it dies the caller knows whether the call began. A call it never began (it waited in the worker's pipe or
 * behind another call) is sent again to another worker, with no {@code retries} needed; after
 * {@link #UNBEGUN_ALLOWED} such deaths in a row (a call whose code kills workers as they read it) it fails. A call
 * that began is sent again only if it has {@code retries} left, else it fails with a {@link WorkerDiedException}. An
 * idle worker whose process is no longer alive gets no call (its death is being reported).
 */
final class Dispatcher {

    /** How long a cancelled or timed-out call has to end after its interrupt before its worker is killed. */
    static final Duration GRACE = Duration.ofSeconds(1);
    /** A worker that is not ready by then is killed (and counts as one that could not start). */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** Start failures in a row after which waiting calls fail even while other workers are up. */
    private static final int START_FAILURES_ALLOWED = 3;
    /** Workers that may die under one call before it began, before the call fails. */
    static final int UNBEGUN_ALLOWED = 3;
    /** The most calls of batches sent to one worker ahead of their turn; see workerFor. */
    static final int PIPELINED = 8;

    private final ProcessOptions options;
    private final JobTable<ProcessTask> table;
    private final Object lock = new Object();
    /** Calls not sent yet, or to be sent again; guarded by lock. */
    private final CallQueue queue = new CallQueue();
    /** Workers starting or alive; guarded by lock. */
    private final List<WorkerProcess> workers = new ArrayList<>();
    /** Guarded by lock. */
    private int workerNumbers;
    /** Workers in a row that died before they were ready; guarded by lock. */
    private int failedStarts;

    Dispatcher(ProcessOptions options, JobTable<ProcessTask> table) {
        this.options = options;
        this.table = table;
    }

    /** Queues the calls and sends what it can; throws the lifecycle's error (cancelling them) if closed meanwhile. */
    void enqueue(List<ProcessTask> tasks) {
        List<Runnable> later = new ArrayList<>();
        boolean refused;
        synchronized (lock) {
            refused = !table.lifecycle().isOpen();
            if (refused) {
                // Registered, then the backend stopped: drain() must not wait for work that was never queued.
                later.add(() -> tasks.forEach(task -> task.cancel(false)));
            } else {
                queue.addAll(tasks);
                dispatch(later);
            }
        }
        later.forEach(Runnable::run);
        if (refused) {
            throw table.lifecycle().closedError();
        }
    }

    /** @return worker name to the origin of the work it runs; a snapshot */
    Map<String, WorkOrigin> busyWorkers() {
        Map<String, WorkOrigin> busy = new LinkedHashMap<>();
        synchronized (lock) {
            for (WorkerProcess worker : workers) {
                if (worker.current() != null) {
                    busy.put(worker.name, worker.current().origin);
                }
            }
        }
        return busy;
    }

    /** @return the pids of the worker processes starting or alive now */
    List<Long> workerPids() {
        synchronized (lock) {
            return workers.stream().map(worker -> worker.process.pid()).collect(Collectors.toList());
        }
    }

    /** The backend closed (its table says so): drops the queue and closes the workers' stdin. @return the workers */
    List<WorkerProcess> closeWorkers() {
        synchronized (lock) {
            queue.drain();
            List<WorkerProcess> stopping = new ArrayList<>(workers);
            for (WorkerProcess worker : stopping) {
                worker.killReason = "the backend was closed";
                // Its calls are being cancelled: tools they started would outlive the backend (and hold the
                // worker's stdout, so that its reader thread would not end).
                worker.killDescendants();
                worker.closeInput();
            }
            return stopping;
        }
    }

    /** A future was cancelled: drop it from the queue (lazily, O(1)), or stop its call in the worker. */
    void cancelled(ProcessTask task, boolean mayInterrupt) {
        synchronized (lock) {
            if (task.timer != null) {
                task.timer.cancel(false);
            }
            if (task.worker == null) {
                queue.discarded(task);
                return;
            }
        }
        if (mayInterrupt) {
            stop(task, "cancelled");
        }
    }

    /** A frame from a worker: it is ready, or a call ended. Runs on the worker's reader thread. */
    void received(WorkerProcess worker, Frames.Frame frame) throws IOException {
        DataInputStream body = new DataInputStream(new ByteArrayInputStream(frame.body()));
        List<Runnable> later = new ArrayList<>();
        if (frame.type() == Frames.READY) {
            synchronized (lock) {
                if (worker.state == WorkerProcess.State.STARTING) {
                    worker.state = WorkerProcess.State.IDLE;
                    worker.startLimit.cancel(false);
                    failedStarts = 0;
                    dispatch(later);
                }
            }
            later.forEach(Runnable::run);
            return;
        }
        if (frame.type() != Frames.RESULT) {
            throw new IOException("unexpected frame type " + frame.type() + " from " + worker);
        }
        long taskId = body.readLong();
        ProcessTask task;
        synchronized (lock) {
            // A worker runs its calls in the order they were sent: the reply is the first one's.
            task = worker.current();
            if (task == null || task.id != taskId) {
                return;
            }
            worker.assigned.pollFirst();
            if (worker.assigned.size() <= PIPELINED / 2) {
                worker.refilling = true;
            }
            ProcessTask next = worker.current();
            if (next != null && next.stopping != null) {
                // Asked to stop while it waited: the worker skips it now; if it started already, the grace runs.
                killUnlessStopped(worker, next);
            }
            task.worker = null;
            if (task.timer != null) {
                task.timer.cancel(false);
            }
            if (worker.state == WorkerProcess.State.BUSY && worker.assigned.isEmpty()) {
                worker.state = WorkerProcess.State.IDLE;
            }
            dispatch(later);
        }
        later.forEach(Runnable::run);
        if (!task.isDone()) {
            try {
                Outcome.fromBytes(Wire.readBytes(body)).settle(task, task.what, task.getNode());
            } catch (Throwable unreadable) {
                // settle reports what it expects; this is an Error while decoding (a readObject that overflows the
                // stack) or a body that is no outcome. The task has left its worker's calls, so died() could not
                // end it: it ends here, whatever broke.
                task.completeExceptionally(new IllegalStateException("the result of " + task.what + " arrived from "
                        + task.getNode() + " but cannot be read here: " + unreadable.getClass().getName(), unreadable));
                if (!(unreadable instanceof StackOverflowError)) {
                    // Not just this result: the reader retires the worker (see WorkerProcess.read).
                    throw unreadable;
                }
            }
        }
    }

    /** A worker's process ended: its calls are sent again or fail; it is replaced if work waits. */
    void died(WorkerProcess worker, int exitCode) {
        List<Runnable> later = new ArrayList<>();
        synchronized (lock) {
            boolean starting = worker.state == WorkerProcess.State.STARTING;
            workers.remove(worker);
            worker.state = WorkerProcess.State.DEAD;
            List<ProcessTask> lost = new ArrayList<>(worker.assigned);
            worker.assigned.clear();
            // In reverse, so that addFirst puts them back at the head in their order.
            for (int i = lost.size() - 1; i >= 0; i--) {
                ProcessTask task = lost.get(i);
                task.worker = null;
                if (task.isDone()) {
                    continue;
                }
                // Only the first can have begun; the others waited behind it.
                boolean began = i == 0 && worker.began(task.id);
                String doing = began ? "while running " + task.what : "before it began " + task.what;
                if (closed()) {
                    later.add(() -> task.cancel(false));
                } else if (i > 0 || !began && ++task.unbegun <= UNBEGUN_ALLOWED) {
                    // Behind the first, it was never at risk; the first is counted: its code may be the killer.
                    requeue(task);
                } else if (began && task.deaths < options.retries) {
                    task.deaths++;
                    requeue(task);
                } else {
                    String how = began ? doing : doing + " (" + UNBEGUN_ALLOWED + " workers died before it began)";
                    WorkerDiedException death = new WorkerDiedException(worker.name, how, exitCode,
                            worker.lastLines());
                    if (task.timer != null) {
                        // It ends now: its timeout must not hold it (and its arguments) until it would have fired.
                        task.timer.cancel(false);
                    }
                    later.add(() -> task.completeExceptionally(death));
                }
            }
            if (starting && !closed()) {
                failedStarts++;
                boolean noneReady = workers.stream().noneMatch(w -> w.state != WorkerProcess.State.STARTING);
                if (noneReady || failedStarts >= START_FAILURES_ALLOWED) {
                    String doing = "before it was ready"
                            + (worker.killReason != null ? " (" + worker.killReason + ")" : "");
                    failQueued(later, () -> new WorkerDiedException(worker.name, doing, exitCode, worker.lastLines()));
                }
            }
            if (!closed()) {
                dispatch(later);
            }
        }
        later.forEach(Runnable::run);
    }

    // ---- internals, all with the lock held unless said otherwise

    private void requeue(ProcessTask task) {
        task.markPending();
        queue.addFirst(task);
    }

    /**
     * Sends queued calls to idle workers, then starts workers for the calls still waiting. Futures to complete
     * are added to {@code later}, to run once the lock is released.
     */
    private void dispatch(List<Runnable> later) {
        ProcessTask task;
        while ((task = queue.peek()) != null) {
            WorkerProcess worker = workerFor(task);
            if (worker == null) {
                break;
            }
            queue.poll();
            assign(worker, task);
        }
        if (closed()) {
            return;
        }
        long starting = workers.stream().filter(w -> w.state == WorkerProcess.State.STARTING).count();
        while (starting < queue.size() && workers.size() < options.workers) {
            try {
                WorkerProcess worker = WorkerProcess.start(this, ++workerNumbers, options);
                workers.add(worker);
                starting++;
                worker.startLimit = Timeouts.after(START_LIMIT, () -> {
                    synchronized (lock) {
                        if (worker.state == WorkerProcess.State.STARTING) {
                            worker.kill("it was not ready within " + START_LIMIT.toSeconds() + " s");
                        }
                    }
                });
            } catch (IOException e) {
                IllegalStateException failure = new IllegalStateException("cannot start a worker process ("
                        + String.join(" ", options.command()) + "): " + e.getMessage(), e);
                failQueued(later, () -> failure);
                return;
            }
        }
    }

    /**
     * An idle worker for {@code task}; for a call of a batch (or of a {@link io.jobline.backend.Work#family()
     * family}, a map's), else the ready worker with the fewest calls (fewer than {@link #PIPELINED}) that runs only
     * batch calls (only calls of that family): the call waits in the worker behind them, so the worker never
     * waits for the next one (the round trip that otherwise costs each call). A worker full once takes more only when
     * half of its calls have ended, so that its writer thread sends calls in bunches, not one per reply. Single calls
     * wait for an idle worker, so a call never waits behind an unrelated one. A worker whose process has ended gets
     * nothing: its reader thread is about to report its death.
     */
    private WorkerProcess workerFor(ProcessTask task) {
        WorkerProcess best = null;
        for (WorkerProcess worker : workers) {
            if (worker.state == WorkerProcess.State.IDLE && worker.process.isAlive()) {
                return worker;
            }
            if (worker.state == WorkerProcess.State.BUSY && worker.refilling && worker.assigned.size() < PIPELINED
                    && (best == null || worker.assigned.size() < best.assigned.size()) && mayWaitBehind(task, worker)
                    && worker.process.isAlive()) {
                best = worker;
            }
        }
        return best;
    }

    /** Whether {@code task} may wait in {@code worker} behind its calls: all are of batches, or of its family. */
    private static boolean mayWaitBehind(ProcessTask task, WorkerProcess worker) {
        if (task.getWorkId() != null) {
            return worker.current().getWorkId() != null;
        }
        if (task.family == null) {
            return false;
        }
        for (ProcessTask waiting : worker.assigned) {
            if (waiting.family != task.family) {
                return false;
            }
        }
        return true;
    }

    private void assign(WorkerProcess worker, ProcessTask task) {
        worker.state = WorkerProcess.State.BUSY;
        worker.assigned.addLast(task);
        if (worker.assigned.size() >= PIPELINED) {
            worker.refilling = false;
        }
        task.worker = worker;
        task.setNode(worker.name);
        task.markRunning();
        worker.send(task);
        if (task.timeout != null && task.timer == null) {
            task.timer = Timeouts.after(task.timeout, () -> timedOut(task));
        }
    }

    /** Runs on the timer's thread, without the lock. */
    private void timedOut(ProcessTask task) {
        TimeoutException timeout = new TimeoutException(task.what + " did not finish within its timeout of "
                + seconds(task.timeout));
        if (task.completeExceptionally(timeout)) {
            stop(task, "timed out");
        }
    }

    /**
     * Asks the worker that has {@code task} to interrupt it (or, if it waits there behind others, to skip it when
     * its turn comes), and kills the worker if it is still running it a grace period after it started stopping:
     * from now if it runs, else from when its turn comes ({@link #received}). Takes the lock; holds none on return.
     */
    private void stop(ProcessTask task, String why) {
        synchronized (lock) {
            WorkerProcess worker = task.worker;
            if (worker == null || !worker.assigned.contains(task)) {
                if (worker == null) {
                    // Timed out while it waited to be sent again: drop it from the queue.
                    queue.discarded(task);
                }
                return;
            }
            worker.sendCancel(task.id);
            task.stopping = why;
            if (worker.current() == task) {
                killUnlessStopped(worker, task);
            }
        }
    }

    /** Kills {@code worker} if it still runs {@code task} (being stopped) after the grace. */
    private void killUnlessStopped(WorkerProcess worker, ProcessTask task) {
        Timeouts.after(GRACE, () -> {
            synchronized (lock) {
                if (worker.current() == task && worker.state != WorkerProcess.State.DEAD) {
                    worker.kill(task.what + " was " + task.stopping + " and did not stop within " + seconds(GRACE));
                }
            }
        });
    }

    /** Takes every queued call out and fails it (once the lock is released). */
    private void failQueued(List<Runnable> later, Supplier<RuntimeException> failure) {
        for (ProcessTask task : queue.drain()) {
            RuntimeException error = failure.get();
            later.add(() -> task.completeExceptionally(error));
        }
    }

    private boolean closed() {
        return table.lifecycle().state() == Lifecycle.State.CLOSED;
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
