package io.jobline.executor;

import io.jobline.future.JobFuture;
import io.jobline.future.JobState;
import io.jobline.util.Failures;

/**
 * The future {@link Batch#submit} returns at once: PENDING and without ids until the batch is committed, then a
 * mirror of the backend's future for the same work (its ids, its RUNNING state, its node unless the user set one,
 * and its outcome).
 * Cancelling it cancels the backend's future.
 */
final class BatchFuture extends JobFuture<Object> {

    private volatile JobFuture<Object> source;

    BatchFuture(String name) {
        super(name);
        setCanceller(mayInterrupt -> {
            JobFuture<Object> linked = source;
            if (linked != null) {
                linked.cancel(mayInterrupt);
            }
        });
    }

    /** Called once, at commit: from now on this future follows {@code backendFuture}. */
    void link(JobFuture<Object> backendFuture) {
        setJobId(backendFuture.getJobId());
        setWorkId(backendFuture.getWorkId());
        source = backendFuture;
        if (isCancelled()) {
            // Cancelled while the commit was under way: the canceller may have run before source was set.
            backendFuture.cancel(true);
            return;
        }
        backendFuture.whenComplete((result, error) -> {
            // A node the user attached (qbfutures' future.node = ...) is theirs to keep.
            if (super.getNode() == null && backendFuture.getNode() != null) {
                setNode(backendFuture.getNode());
            }
            if (error == null) {
                complete(result);
            } else if (backendFuture.isCancelled()) {
                cancel(false);
            } else {
                completeExceptionally(Failures.cause(error));
            }
        });
    }

    @Override
    public JobState getState() {
        JobState state = super.getState();
        JobFuture<Object> linked = source;
        return state == JobState.PENDING && linked != null && linked.getState() == JobState.RUNNING
                ? JobState.RUNNING : state;
    }

    @Override
    public Object getNode() {
        Object node = super.getNode();
        JobFuture<Object> linked = source;
        return node == null && linked != null ? linked.getNode() : node;
    }
}
