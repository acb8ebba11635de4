package io.jobline.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * The outputs of one worker's current batch that are not handed on yet: a worker gathers a whole batch's outputs
 * here and hands them on in one go, so a hand-off costs one lock round-trip per batch instead of per item.
 *
 * <p>So that no finished output waits behind a slow item, the run's {@link Flusher} may take over what is finished
 * while the worker is still busy. The worker's cost per item is a few array stores and one ordered store: each
 * finished item's outputs go into slots that nobody rewrites until the batch ends, then the worker publishes how
 * many items it has finished ({@link #published}, counted over all its batches, so a number never comes back). The
 * flusher claims a published prefix with a CAS on {@link #claimed}, under this object's monitor, and hands it on; at
 * the end of the batch the worker closes the claims with one {@code getAndSet} and hands on the rest. Only if the
 * flusher claimed something in this batch does the worker take the monitor (to wait until the flusher is done with
 * the slots, and learn how much it took).
 *
 * <p>Each item has its input's sequence number ({@link #seqs}), consecutive within a stage's run, apart in a
 * dispatcher lane, and the end of its outputs ({@link #ends}).
 */
final class Outbox {

    private Object[] outputs = new Object[StageRunner.MAX_BATCH];
    private long[] seqs = new long[StageRunner.MAX_BATCH];
    private int[] ends = new int[StageRunner.MAX_BATCH];
    /** Items of earlier batches: item {@code i} of this batch is number {@code first + i}. */
    private long first;
    /** The worker's own counts for this batch. */
    private int items;
    private int count;
    /** Items finished, over all batches; stored in order after their slots. */
    private final AtomicLong published = new AtomicLong();
    /** Items handed on by the flusher, over all batches; {@code ~n} (negative) once the worker closed the batch. */
    private final AtomicLong claimed = new AtomicLong(~0L);
    /** Under the monitor: how far the flusher has handed on this batch's items (over all batches) and outputs. */
    private long settledItems;
    private int settledOutputs;
    /** The flusher's last look at {@link #published}. */
    private long seen = -1;

    // ---- the worker's side

    /** Starts a batch: nothing finished, the flusher may claim. */
    void begin() {
        first += items;
        items = 0;
        count = 0;
        settledOutputs = 0;
        claimed.set(first);
    }

    /** Input {@code seq} ended with the outputs in {@code produced}. */
    void add(long seq, List<Object> produced) {
        int n = produced.size();
        if (count + n > outputs.length) {
            outputs = Arrays.copyOf(outputs, Math.max(outputs.length * 2, count + n));
        }
        for (int j = 0; j < n; j++) {
            outputs[count++] = produced.get(j);
        }
        if (items == seqs.length) {
            seqs = Arrays.copyOf(seqs, items * 2);
            ends = Arrays.copyOf(ends, items * 2);
        }
        seqs[items] = seq;
        ends[items] = count;
        items++;
        published.lazySet(first + items);
    }

    /**
     * Ends the batch: no more claims. Waits while the flusher is handing on a claim of it.
     *
     * @return what is left for the worker to hand on
     */
    Slice finish() {
        long took = claimed.getAndSet(~(first + items));
        int fromItem = 0;
        int fromOutput = 0;
        if (took != first) {
            synchronized (this) {
                // The flusher is done with the slots, and may have handed on less than it claimed.
                fromItem = (int) (settledItems - first);
                fromOutput = settledOutputs;
            }
        }
        return new Slice(this, fromItem, fromOutput, items, count);
    }

    // ---- the flusher's side

    /**
     * If the worker has finished outputs waiting and has not moved on since the last look, lets {@code handOff} hand
     * on (some of) them without blocking.
     *
     * @param handOff hands a slice on; returns how many of its outputs it took (whole items' worth when ordered),
     *                -1 for none
     * @return whether there was something to do: the worker had moved on since the last look, or outputs were
     * handed on
     */
    boolean flushIfStuck(ToIntFunction<Slice> handOff) {
        long c = claimed.get();
        long p = published.get();
        if (c < 0 || p <= c) {
            seen = -1;
            return false;
        }
        boolean moved = p != seen;
        seen = p;
        return moved || flushNow(handOff);
    }

    /** Hands on, without blocking, what the worker has finished and nobody handed on yet (the run is stopping). */
    synchronized boolean flushNow(ToIntFunction<Slice> handOff) {
        long c = claimed.get();
        long p = published.get(); // read after claimed: p belongs to c's batch or a later one, never an earlier one
        long base = first; // the batch that p belongs to, if the CAS below succeeds
        if (c < 0 || p <= c || !claimed.compareAndSet(c, p)) {
            return false;
        }
        int fromOutput = c == base ? 0 : settledOutputs;
        Slice slice = new Slice(this, (int) (c - base), fromOutput, (int) (p - base), ends[(int) (p - base) - 1]);
        int took = handOff.applyAsInt(slice);
        if (took < 0) {
            settledItems = c;
            settledOutputs = fromOutput;
            claimed.compareAndSet(p, c); // give the claim back, unless the worker has closed the batch
            return false;
        }
        settledItems = p;
        settledOutputs = fromOutput + took;
        return true;
    }

    /**
     * Items {@code [fromItem, toItem)} of a batch and their outputs {@code [fromOutput, toOutput)}: what one hand-off
     * takes. Valid until the batch ends.
     */
    static final class Slice {
        private final Outbox box;
        final int fromItem;
        final int fromOutput;
        final int toItem;
        final int toOutput;

        Slice(Outbox box, int fromItem, int fromOutput, int toItem, int toOutput) {
            this.box = box;
            this.fromItem = fromItem;
            this.fromOutput = fromOutput;
            this.toItem = toItem;
            this.toOutput = toOutput;
        }

        /** Empty only without outputs too: a flush may have handed on every item's turn but not all its outputs. */
        boolean isEmpty() {
            return fromItem >= toItem && fromOutput >= toOutput;
        }

        /** @return the outputs, in order (a view) */
        List<Object> outputs() {
            return outputs(fromOutput, toOutput);
        }

        /** @return outputs {@code [from, to)} of the batch (a view) */
        List<Object> outputs(int from, int to) {
            return Arrays.asList(box.outputs).subList(from, to);
        }

        /** @return the input sequence number of item {@code i} ({@code fromItem <= i < toItem}) */
        long seq(int i) {
            return box.seqs[i];
        }

        /** @return where item {@code i}'s outputs start */
        int start(int i) {
            return i == fromItem ? fromOutput : box.ends[i - 1];
        }

        int end(int i) {
            return box.ends[i];
        }

        Object output(int j) {
            return box.outputs[j];
        }
    }
}
