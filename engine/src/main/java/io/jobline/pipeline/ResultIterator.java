package io.jobline.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

/**
 * A run's results as an iterator: takes them from the results buffer in batches, blocking for the next; at the end
 * throws what ended the run unless it is DONE (or CANCELLED, for the plain iterator). Not thread-safe: one reader.
 */
final class ResultIterator implements Iterator<Object> {

    private final Run run;
    private final ItemQueue results;
    // Let go of once reading ends: the registry remembers finished runs, and must not keep their outputs.
    private List<Object> collected;
    private final boolean cancelIsError;
    private final List<Object> buffer = new ArrayList<>();
    private int position;
    private boolean finished;

    /**
     * @param collected     where the caller keeps results, for the exception; {@code null} if it keeps none
     * @param cancelIsError whether a cancelled run ends with a CancellationException rather than quietly
     */
    ResultIterator(Run run, ItemQueue results, List<Object> collected, boolean cancelIsError) {
        this.run = run;
        this.results = results;
        this.collected = collected;
        this.cancelIsError = cancelIsError;
    }

    @Override
    public boolean hasNext() {
        if (position < buffer.size()) {
            return true;
        }
        if (finished) {
            return false;
        }
        buffer.clear();
        position = 0;
        long first;
        try {
            first = results.take(buffer, Integer.MAX_VALUE, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
            throw new CancellationException("interrupted while waiting for results of pipeline '" + run.getName()
                    + "'");
        }
        if (first != ItemQueue.EOF) {
            return true;
        }
        finished = true;
        forget();
        return false;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.get(position++);
    }

    /** Reading has ended: lets go of what the caller kept, throwing what ended the run (see the class comment). */
    private void forget() {
        List<Object> kept = collected;
        collected = null;
        RuntimeException error = run.endError(kept == null ? Collections.emptyList() : kept);
        if (error != null && (cancelIsError || !(error instanceof CancellationException))) {
            throw error;
        }
    }

    /** Lets go of what the caller kept, without reading on. */
    void release() {
        collected = null;
    }
}
