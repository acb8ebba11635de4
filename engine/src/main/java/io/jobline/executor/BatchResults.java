package io.jobline.executor;

import io.jobline.future.JobFuture;
import io.jobline.util.Failures;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;

/** The results of {@link Batch#map}, in input order; see there. */
final class BatchResults implements Iterable<Object> {

    private final Batch batch;
    private final List<JobFuture<Object>> futures;

    BatchResults(Batch batch, List<JobFuture<Object>> futures) {
        this.batch = batch;
        this.futures = futures;
    }

    @Override
    public Iterator<Object> iterator() {
        if (!batch.isCommitted()) {
            throw new IllegalStateException("batch not committed yet: its map results exist once the batch is committed");
        }
        Iterator<JobFuture<Object>> each = futures.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return each.hasNext();
            }

            @Override
            public Object next() {
                if (!each.hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return each.next().get();
                } catch (ExecutionException e) {
                    throw Failures.unchecked(e.getCause());
                } catch (InterruptedException e) {
                    throw Failures.interrupted("batch map", e);
                }
            }
        };
    }
}
