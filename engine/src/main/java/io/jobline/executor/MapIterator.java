package io.jobline.executor;

import io.jobline.backend.Work;
import io.jobline.future.JobFuture;
import io.jobline.util.Failures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The results of {@link JobExecutor#map}: lazy, in input order, with a bounded look-ahead.
 *
 * <p><b>Look-ahead.</b> Items are read from the input and submitted in chunks of {@code chunk} items (one task per
 * chunk), at most {@code lookahead} chunks ahead of the consumer: the first ones when {@code map} is called, then one
 * more each time a chunk's results are taken. At most {@code lookahead} chunks are in flight, plus the results of
 * the chunk being returned: an infinite input works, and memory stays bounded. On a backend whose batch is one job
 * (a farm: {@link io.jobline.backend.Backend#batchIsOneJob()}), the chunks read in one round are submitted as one
 * batch, so the first window is one job (all of a Collection of up to 1,000 chunks: see {@link JobExecutor#map}).
 *
 * <p><b>Blocking.</b> {@link #next()} blocks until the next item's result is there; {@link #hasNext()} never blocks.
 *
 * <p><b>Failure.</b> When an item's function throws, the results of the items before it are still returned, then
 * {@code next()} throws the item's exception itself (a checked one wrapped in a {@link CompletionException}) and the
 * chunks in flight are cancelled; the iteration then ends. An exception from the input itself, or a closed executor,
 * is thrown the same way, at its place in the order.
 *
 * <p><b>Timeout.</b> With a {@code timeout}, counted from the call to {@code map}: a result that is ready is returned
 * even after the deadline (as in {@code concurrent.futures}); when {@code next()} would have to wait past the
 * deadline, it cancels everything in flight and throws a {@link CompletionException} whose cause is a
 * {@link TimeoutException}.
 *
 * <p><b>Closing.</b> {@link #close()} (from any thread) cancels the chunks in flight and ends the iteration; a
 * {@code next()} blocked at that moment throws {@link CancellationException}. An interrupted {@code next()} also
 * cancels, keeps the interrupt status, and throws {@link CancellationException}.
 *
 * <p>Apart from {@code close()}, an instance is meant for one consuming thread, like any Iterator.
 */
public final class MapIterator implements Iterator<Object>, AutoCloseable {

    private final JobExecutor executor;
    /**
     * The work of every chunk but for its arguments: one function for every chunk, so that a backend that ships
     * code ships it once, and it is adapted ({@link io.jobline.function.Functions#of}) once, not once per chunk;
     * one {@link Work#family() family}, since the chunks are consumed in order anyway.
     */
    private final Work template;
    private final Iterator<Object> source;
    private final int chunk;
    private final int lookahead;
    private final boolean spread;
    private final Duration timeout;
    /** In {@link System#nanoTime()} terms; only meaningful with a timeout. */
    private final long deadline;
    private final ConcurrentLinkedDeque<JobFuture<Object>> inFlight = new ConcurrentLinkedDeque<>();

    /** The results of the chunk being returned, and the next one's index. */
    private List<?> chunkResults = Collections.emptyList();
    private int chunkIndex;
    /** Chunks submitted and not taken; only the consuming thread changes it. */
    private int inFlightCount;
    /**
     * What {@code next()} throws once the results before it have been returned: an item's failure (everything after
     * it is cancelled at once), or the input's or the executor's (after the chunks already in flight).
     */
    private Throwable failure;
    /** Set by {@link #close()}: the iteration is over. */
    private volatile boolean closed;
    /** Set by an item's failure or the timeout: nothing more is taken or submitted; what is buffered is returned. */
    private boolean stopped;

    MapIterator(JobExecutor executor, Object fn, Iterator<Object> source, MapSettings settings,
                Map<String, Object> jobOptions) {
        this.executor = executor;
        this.template = Work.of(settings.chunk == 1 ? fn : new ChunkCall(fn, settings.spread), null, jobOptions)
                .asFamily();
        this.source = source;
        this.chunk = settings.chunk;
        this.spread = settings.spread;
        this.lookahead = settings.lookahead;
        this.timeout = settings.timeout;
        this.deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        fill();
    }

    /** Never blocks. */
    @Override
    public boolean hasNext() {
        return !closed && (chunkIndex < chunkResults.size() || failure != null || !stopped && !inFlight.isEmpty());
    }

    /**
     * @return the next result, in input order
     * @throws NoSuchElementException when there is none
     * @throws RuntimeException       the item's own exception, or as described in the class comment
     */
    @Override
    public Object next() {
        while (true) {
            if (closed) {
                throw new NoSuchElementException("the map was closed");
            }
            if (chunkIndex < chunkResults.size()) {
                return chunkResults.get(chunkIndex++);
            }
            JobFuture<Object> head = stopped ? null : inFlight.peek();
            if (head != null) {
                take(head);
            } else if (failure != null) {
                Throwable thrown = failure;
                failure = null;
                stopped = true;
                throw Failures.unchecked(thrown);
            } else {
                throw new NoSuchElementException("no more map results");
            }
        }
    }

    /** Cancels the chunks in flight and ends the iteration. Idempotent; any thread. */
    @Override
    public void close() {
        closed = true;
        cancelInFlight();
    }

    /** Waits for {@code head}, the oldest chunk, and makes its results (or its failure) the next to return. */
    private void take(JobFuture<Object> head) {
        Object result;
        try {
            result = await(head);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChunkFailure) {
                setResults(((ChunkFailure) cause).getCompleted());
                cause = cause.getCause();
            }
            fail(cause);
            return;
        } catch (CancellationException e) {
            if (closed) {
                throw new CancellationException("the map was closed");
            }
            fail(e);
            return;
        } catch (TimeoutException e) {
            TimeoutException timedOut = new TimeoutException("map: no result within the timeout of " + timeout
                    + " (counted from the map call)");
            timedOut.initCause(e);
            fail(new CompletionException(timedOut));
            return;
        } catch (InterruptedException e) {
            close();
            throw Failures.interrupted("map", e);
        }
        inFlight.poll();
        inFlightCount--;
        if (chunk == 1) {
            setResults(Collections.singletonList(result));
        } else {
            setResults((List<?>) result);
        }
        fill();
    }

    private Object await(JobFuture<Object> head) throws InterruptedException, ExecutionException, TimeoutException {
        if (timeout == null || head.isDone()) {
            return head.get();
        }
        return head.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void setResults(List<?> results) {
        chunkResults = results;
        chunkIndex = 0;
    }

    /** Records what {@code next()} throws after the results already taken, and cancels everything after it. */
    private void fail(Throwable cause) {
        failure = cause;
        stopped = true;
        cancelInFlight();
    }

    private void cancelInFlight() {
        for (JobFuture<Object> future; (future = inFlight.poll()) != null; ) {
            future.cancel(true);
        }
    }

    /**
     * Reads chunks until {@code lookahead} are in flight or the input ends, then submits them: as one batch when the
     * backend makes a batch one job (a farm), else one task per chunk.
     */
    private void fill() {
        List<Work> round = new ArrayList<>();
        try {
            while (!closed && !stopped && failure == null && inFlightCount + round.size() < lookahead
                    && source.hasNext()) {
                round.add(nextWork());
            }
        } catch (Throwable e) {
            // The input failed: thrown in its place, after the results of the chunks read before it. Throwable, as a
            // Groovy iterator may throw a checked exception it does not declare, or an assert's AssertionError.
            failure = e;
        }
        try {
            if (round.size() > 1 && executor.batchIsOneJob()) {
                // Every chunk has the template's job options (map's own options aside): they are the job's.
                List<JobFuture<Object>> futures = executor.submitBatch(round, template.getOptions());
                inFlight.addAll(futures);
                inFlightCount += futures.size();
            } else {
                for (Work work : round) {
                    inFlight.add(executor.submitWork(work));
                    inFlightCount++;
                }
            }
        } catch (RuntimeException e) {
            failure = e; // the executor was closed: that comes before a later failure of the input
        }
        if (closed) {
            cancelInFlight();
        }
    }

    private Work nextWork() {
        if (chunk == 1) {
            return template.withArgs(MapArgs.of(source.next(), spread));
        }
        Object[] items = new Object[chunk];
        int count = 0;
        try {
            while (count < chunk && source.hasNext()) {
                Object item = source.next();
                items[count++] = item;
            }
        } catch (Throwable e) { // as in fill(): whatever the input throws
            if (count == 0) {
                throw e;
            }
            // Submit the items read so far; the input's failure comes after their results.
            failure = e;
        }
        Object[] args = count == chunk ? items : Arrays.copyOf(items, count);
        return template.withArgs(args);
    }
}
