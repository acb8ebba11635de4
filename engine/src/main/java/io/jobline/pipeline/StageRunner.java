package io.jobline.pipeline;

import io.jobline.backend.Backend;
import io.jobline.backend.WorkOrigin;
import io.jobline.live.BusyLane;
import io.jobline.live.Timeline;
import io.jobline.util.Threads;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stage of a live run: its input queue, its workers, and (when output order matters) its reorderer.
 *
 * <p>Workers take runs of consecutive items from the input queue, process them one by one, and hand the outputs
 * on in one go. A dispatcher stage ({@code by:}) gives each worker a lane of its own instead, so that items with
 * equal keys are processed by the same worker in input order. Ordered stages (keepOrder, or a dispatcher) put
 * their outputs back into input order before handing them on.
 *
 * <p>The last worker to see the end of the input closes the next stage's input, so the end flows down the
 * pipeline behind the last item.
 */
final class StageRunner {

    private static final System.Logger LOG = System.getLogger("io.jobline.pipeline");
    /** The most items a worker takes in one go. */
    static final int MAX_BATCH = 128;
    /**
     * How long a worker's batch should take. Cheap items come in big batches (few lock round-trips); items slower
     * than this come one at a time, so that slow work spreads over every worker and results flow without delay.
     */
    private static final long BATCH_NANOS = 200_000;

    private final StageSpec spec;
    private final RunContext run;
    private final Inlet downstream;
    private final ItemQueue queue;
    private final ItemQueue[] lanes;
    private final DispatchInlet dispatchInlet;
    private final Reorderer reorderer;
    private final RateLimiter limiter;
    private final Backend backend;
    /** Whether workers submit their items in batches ({@link Worker#processWindow}) instead of calling per item. */
    private final boolean batched;
    private final ThreadFactory threadFactory;

    private final Object lock = new Object();
    private final Set<Thread> workers = new HashSet<>();
    /** The live workers' outboxes, for the run's {@link Flusher}. */
    private final List<Outbox> outboxes = new CopyOnWriteArrayList<>();
    private int target;
    private int live;
    private boolean finished;

    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder doing = new LongAdder();
    private final AtomicInteger busy = new AtomicInteger();
    /** Set when a report records the run ({@link #record}); null otherwise, and then workers record nothing. */
    private volatile Timeline timeline;

    StageRunner(StageSpec spec, RunContext run, Inlet downstream, int queueSize, boolean keepOrder,
                Backend backend, boolean virtualThreads) {
        this.spec = spec;
        this.run = run;
        this.downstream = downstream;
        this.backend = backend;
        this.limiter = spec.newRateLimiter();
        this.batched = backend != null && limiter == null;
        this.target = spec.getThreads();
        int capacity = spec.getQueue() != null ? spec.getQueue() : queueSize;
        if (spec.isDispatcher()) {
            this.queue = null;
            this.lanes = new ItemQueue[target];
            for (int i = 0; i < target; i++) {
                lanes[i] = new ItemQueue(Math.max(1, capacity / target));
            }
            this.dispatchInlet = new DispatchInlet(this, lanes, capacity);
        } else {
            this.queue = new ItemQueue(capacity);
            this.lanes = null;
            this.dispatchInlet = null;
        }
        boolean ordered = spec.isDispatcher() || keepOrder;
        this.reorderer = ordered ? new Reorderer(downstream, Math.max(capacity, 2 * MAX_BATCH * target)) : null;
        this.threadFactory = Threads.factory("jobline-" + run.name() + "-" + spec.getName(), virtualThreads);
    }

    /** @return where the previous stage (or the feeder) puts this stage's input */
    Inlet inlet() {
        return queue != null ? queue : dispatchInlet;
    }

    String name() {
        return spec.getName();
    }

    StageSpec spec() {
        return spec;
    }

    void start() {
        synchronized (lock) {
            for (int i = 0; i < target; i++) {
                spawn(lanes != null ? lanes[i] : queue, lanes != null);
            }
        }
    }

    /**
     * Sets the number of workers: growing starts workers at once; shrinking lets surplus workers leave after their
     * current items (idle ones leave at once). Ignored once the stage has finished.
     */
    void resize(int threads) {
        if (lanes != null && threads != target) {
            throw new IllegalArgumentException("stage '" + name() + "' dispatches items by key (by:), so its "
                    + "thread count is fixed at " + target);
        }
        synchronized (lock) {
            if (finished) {
                return;
            }
            target = threads;
            while (live < target) {
                spawn(queue, false);
            }
        }
        if (queue != null) {
            queue.wakeAll();
        }
    }

    /** Stops taking items; interrupts the workers too when {@code interrupt}. */
    void abort(boolean interrupt) {
        inlet().abort();
        if (reorderer != null) {
            reorderer.abort();
        }
        if (interrupt) {
            synchronized (lock) {
                workers.forEach(Thread::interrupt);
            }
        }
    }

    /**
     * The {@link Flusher}'s tick: hands on, without blocking, what workers that have stayed inside one item since the
     * last tick have finished, and what the reorderer could not forward then.
     *
     * @return whether there was anything to do (workers moving on to new items, outputs handed on)
     */
    boolean flushStuck() {
        boolean busy = false;
        for (Outbox box : outboxes) {
            busy |= box.flushIfStuck(this::handOnWithoutBlocking);
        }
        if (reorderer != null) {
            busy |= reorderer.tryDrain();
        }
        return busy;
    }

    /** When the run stops: hands on, without blocking, what every worker inside an item has finished. */
    void flushNow() {
        for (Outbox box : outboxes) {
            box.flushNow(this::handOnWithoutBlocking);
        }
    }

    /** @return how many of the slice's outputs it handed on, -1 for none */
    private int handOnWithoutBlocking(Outbox.Slice slice) {
        if (reorderer != null) {
            return reorderer.offer(slice);
        }
        List<Object> outputs = slice.outputs();
        int taken = outputs.isEmpty() ? 0 : downstream.offer(outputs);
        return taken == 0 && !outputs.isEmpty() ? -1 : taken;
    }

    /** From now on each worker records its busy intervals in a lane of {@code lanes}: the report hook. */
    void record(Timeline lanes) {
        timeline = lanes;
    }

    /** Asks the stage's backend, if not threads, whether it can run the function; see {@link Backend#check}. */
    void checkFunction() {
        if (backend != null) {
            backend.check(spec.shippable(), "stage '" + name() + "'");
        }
    }

    StageStats stats(double seconds) {
        int threads;
        synchronized (lock) {
            threads = finished ? target : live;
        }
        Inlet input = inlet();
        long done = in.sum() - doing.sum();
        return new StageStats(name(), threads, input.size(), input.capacity(), in.sum(), out.sum(), errors.sum(),
                dropped.sum(), busy.get(), seconds > 0 ? done / seconds : 0, backend == null ? null : backend.name(),
                busyWorkers());
    }

    /** @return what the calls of this stage are for: the run and this stage */
    private WorkOrigin origin() {
        return new WorkOrigin(run.id(), name());
    }

    /** The backend's workers that run this stage's calls now, told by the calls' origin. */
    private List<String> busyWorkers() {
        if (backend == null) {
            return List.of();
        }
        WorkOrigin mine = origin();
        List<String> names = new ArrayList<>();
        backend.busyWorkers().forEach((worker, origin) -> {
            if (origin.equals(mine)) {
                names.add(worker);
            }
        });
        Collections.sort(names);
        return names;
    }

    long doing() {
        return doing.sum();
    }

    /** Called by the dispatch inlet for an item whose key could not be computed. */
    void keyFailed(Object item, Throwable error) {
        in.increment();
        errors.increment();
        run.reportError(new StageError(name(), item, error));
    }

    private void spawn(ItemQueue source, boolean lane) {
        live++;
        Worker worker = new Worker(source, lane);
        outboxes.add(worker.outbox);
        Thread thread = threadFactory.newThread(worker::work);
        workers.add(thread);
        thread.start();
    }

    /** One worker thread's loop and its private state. */
    private final class Worker {
        private final ItemQueue source;
        private final boolean lane;
        private final StageInvoker invoker = new StageInvoker(spec, backend, origin());
        private final List<Object> batch = new ArrayList<>(MAX_BATCH);
        /** One item's outputs, before they join the outbox. */
        private final List<Object> produced = new ArrayList<>();
        private final Outbox outbox = new Outbox();
        /**
         * The most items taken at once: adapted to the time items take on threads; on another backend always the
         * most, since a batch is one submission whose calls run side by side (the take's fair share still spreads
         * few items over every worker).
         */
        private int batchLimit = batched ? MAX_BATCH : 8;
        /** This worker's busy lane while a report records ({@link #recordBusy}); taken on first use. */
        private BusyLane busyLane;

        Worker(ItemQueue source, boolean lane) {
            this.source = source;
            this.lane = lane;
        }

        void work() {
            boolean ended = false;
            try {
                while (!lane && !retire()) {
                    batch.clear();
                    long seq = source.take(batch, batchLimit, target);
                    if (seq == ItemQueue.EOF) {
                        ended = true;
                        return;
                    }
                    if (seq != ItemQueue.WOKEN && !(batched ? processWindow(seq) : processRun(seq))) {
                        ended = true;
                        return;
                    }
                }
                while (lane) {
                    batch.clear();
                    if (source.take(batch, batchLimit, 1) == ItemQueue.EOF || !processLane()) {
                        ended = true;
                        return;
                    }
                }
            } catch (InterruptedException e) {
                ended = true;
                if (!run.stopping()) {
                    // Not the run's cancel: a stray interrupt, typically a stage function that left its thread
                    // interrupted. The worker's batch is gone with it, so the run cannot go on whole.
                    run.fail(new StageError(name(), null, new IllegalStateException("a worker of stage '" + name()
                            + "' was interrupted while the run went on (did the stage function leave its thread "
                            + "interrupted?)", e)));
                }
            } catch (Throwable e) {
                // Not the stage function's failure (those are reported per item): the engine itself broke, and the
                // worker's batch with it, so the run fails whatever the error policy.
                ended = true;
                if (run.stopping()) {
                    LOG.log(System.Logger.Level.ERROR, "stage '" + name() + "' broke while its run stopped", e);
                } else {
                    run.fail(new StageError(name(), null, e));
                }
            } finally {
                // Leaving mid-batch (interrupted, broken) closes the claims too, waiting out a flush in progress:
                // nothing this worker finished may be handed on after its stage closed its downstream.
                outbox.finish();
                outboxes.remove(outbox);
                exit(ended);
            }
        }

        /** Processes the consecutive items {@code seq ..} taken into {@code batch}, here, one by one. */
        private boolean processRun(long seq) throws InterruptedException {
            int k = batch.size();
            begin(k);
            long started = System.nanoTime();
            try {
                return processItems(seq, batch, null, false);
            } finally {
                end(k);
                long now = System.nanoTime();
                adaptBatch(now - started, k);
                recordBusy(started, now);
            }
        }

        /**
         * Takes the outputs of items {@code seq ..} (consecutive, or each {@link Sequenced} in a dispatcher lane),
         * from the calls of {@code flight} (submitted already) or, without one, by calling the function here, with
         * retries and errors as {@link #processItem} has them; gathers them in the outbox and hands them on in one
         * go at the end. While an item that may take long runs (one to call here, a call that has not ended), the
         * run's {@link Flusher} may hand on what is finished. Returns false when the run stopped.
         */
        private boolean processItems(long seq, List<Object> items, InFlightBatch flight, boolean sequenced)
                throws InterruptedException {
            int k = items.size();
            int outputs = 0;
            int drops = 0;
            outbox.begin();
            try {
                for (int i = 0; i < k; i++) {
                    if (run.stopping()) {
                        // Hands on what this batch finished as the stop's flush would, and closes the claims first:
                        // once this worker leaves, its stage may close its downstream, and no flush may follow.
                        handOnWithoutBlocking(outbox.finish());
                        return false;
                    }
                    Object item = items.get(i);
                    long itemSeq = seq + i;
                    if (sequenced) {
                        itemSeq = ((Sequenced) item).seq;
                        item = ((Sequenced) item).item;
                    }
                    if (processItem(invoker, item, produced, flight, i)) {
                        outputs += produced.size();
                        drops += produced.isEmpty() ? 1 : 0;
                    }
                    outbox.add(itemSeq, produced);
                    produced.clear();
                }
            } finally {
                out.add(outputs);
                dropped.add(drops);
            }
            return handOn(outbox.finish());
        }

        /**
         * On a backend other than threads, without a {@code rate} (whose every item waits for its turn): submits the batch {@code seq ..} as one submission, and while its calls
         * run, submits the batches that are already waiting in the input (without waiting for input: results are
         * due), up to the stage's {@code inFlight} of them; then collects the oldest batch's results in input order,
         * hands them on, and goes on until none is in flight. Returns false when the run stopped; batches still in
         * flight are then cancelled.
         */
        private boolean processWindow(long seq) throws InterruptedException {
            ArrayDeque<InFlightBatch> window = new ArrayDeque<>();
            long started = timeline != null ? System.nanoTime() : 0;
            busy.incrementAndGet();
            boolean open = false;
            try {
                window.add(submit(seq, new ArrayList<>(batch)));
                while (!window.isEmpty()) {
                    if (window.size() < spec.getInFlight() && !run.stopping()) {
                        List<Object> more = new ArrayList<>();
                        long next = source.poll(more, batchLimit, target);
                        if (next >= 0) {
                            window.add(submit(next, more));
                            continue;
                        }
                    }
                    InFlightBatch oldest = window.peekFirst();
                    if (!collect(oldest)) {
                        return false;
                    }
                    window.pollFirst();
                }
                open = true;
                return true;
            } finally {
                if (!open) {
                    window.forEach(InFlightBatch::cancel);
                }
                busy.decrementAndGet();
                if (started != 0) {
                    recordBusy(started, System.nanoTime());
                }
            }
        }

        private InFlightBatch submit(long seq, List<Object> items) {
            int k = items.size();
            in.add(k);
            doing.add(k);
            return InFlightBatch.submit(seq, items, invoker);
        }

        /** Takes a batch's results in input order and hands them on. */
        private boolean collect(InFlightBatch flight) throws InterruptedException {
            try {
                return processItems(flight.seq, flight.items, flight.futures == null ? null : flight, false);
            } finally {
                doing.add(-flight.items.size());
            }
        }

        /** Processes a dispatcher lane's items, each tagged with its place in the stage's input. */
        private boolean processLane() throws InterruptedException {
            int k = batch.size();
            begin(k);
            long started = System.nanoTime();
            try {
                return processItems(0, batch, null, true);
            } finally {
                end(k);
                long now = System.nanoTime();
                adaptBatch(now - started, k);
                recordBusy(started, now);
            }
        }

        /** Hands on what the flusher has not, blocking for room, to the reorderer or downstream. */
        private boolean handOn(Outbox.Slice rest) throws InterruptedException {
            if (rest.isEmpty()) {
                return true;
            }
            if (reorderer != null) {
                return reorderer.deposit(rest);
            }
            List<Object> outputs = rest.outputs();
            return outputs.isEmpty() || downstream.putAll(outputs);
        }

        /** The report hook: one volatile read per batch when nobody records, a merge into the lane when one does. */
        private void recordBusy(long startNanos, long endNanos) {
            Timeline lanes = timeline;
            if (lanes == null) {
                return;
            }
            if (busyLane == null) {
                busyLane = lanes.lane(name());
                if (busyLane == null) {
                    return; // past the timeline's bound: this worker goes unrecorded
                }
            }
            busyLane.busy(startNanos, endNanos);
        }

        /** Sizes the next batch so that it takes about {@link #BATCH_NANOS}. */
        private void adaptBatch(long nanos, int items) {
            long perItem = Math.max(1, nanos / Math.max(1, items));
            int wanted = (int) Math.max(1, Math.min(MAX_BATCH, BATCH_NANOS / perItem));
            batchLimit = Math.max(1, (batchLimit + wanted) / 2);
        }
    }

    private void begin(int k) {
        in.add(k);
        doing.add(k);
        busy.incrementAndGet();
    }

    private void end(int k) {
        busy.decrementAndGet();
        doing.add(-k);
    }

    /**
     * Runs the function on one item, with retries; a final failure is reported and the item yields nothing. The first
     * attempt is call {@code index} of {@code flight} when given (submitted already), else made here.
     *
     * @return whether it succeeded: its outputs are in {@code outputs} (none if it failed)
     */
    private boolean processItem(StageInvoker invoker, Object item, List<Object> outputs, InFlightBatch flight, int index)
            throws InterruptedException {
        int before = outputs.size();
        Throwable failure = null;
        for (int attempt = 0; ; attempt++) {
            try {
                if (attempt == 0 && flight != null) {
                    invoker.collect(flight.result(index), outputs);
                } else {
                    if (limiter != null) {
                        limiter.acquire();
                    }
                    invoker.invoke(item, outputs);
                }
                return true;
            } catch (Throwable e) {
                truncate(outputs, before);
                if (e instanceof InterruptedException && run.stopping()) {
                    throw (InterruptedException) e; // the run's cancel: the worker leaves
                }
                // Any other InterruptedException is the stage function's own: this item failed, as with any exception.
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                if (run.stopping()) {
                    // The run ended (cancelled, timed out, failed elsewhere) under this item: that, not the item, is
                    // what stopped it, typically by interrupting it. It is left unfinished, not counted as an error.
                    return false;
                }
                if (attempt >= spec.getRetries()) {
                    errors.increment();
                    run.reportError(new StageError(name(), item, failure));
                    return false;
                }
            }
        }
    }

    private static void truncate(List<Object> outputs, int size) {
        while (outputs.size() > size) {
            outputs.remove(outputs.size() - 1);
        }
    }

    /** @return true if this worker is surplus after a shrink, and has been counted out */
    private boolean retire() {
        synchronized (lock) {
            if (live > target) {
                live--;
                workers.remove(Thread.currentThread());
                return true;
            }
            return false;
        }
    }

    private void exit(boolean ended) {
        if (!ended) {
            return;
        }
        boolean last;
        synchronized (lock) {
            live--;
            workers.remove(Thread.currentThread());
            last = live == 0 && !finished;
            if (last) {
                finished = true;
            }
        }
        if (last) {
            if (reorderer != null) {
                try {
                    reorderer.drain(); // what the flusher left there
                } catch (InterruptedException e) {
                    // Cancelled: the run has ended, nothing more goes downstream.
                }
            }
            downstream.close();
        }
    }
}
