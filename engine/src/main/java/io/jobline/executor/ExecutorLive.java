package io.jobline.executor;

import io.jobline.live.LiveRecord;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.LiveState;
import io.jobline.live.LiveThing;

/**
 * A {@link JobExecutor} as the live registry sees it: kind {@code executor}, named after its backend. Its snapshot
 * counts the calls submitted ({@code in}); what they became lives in their futures (and, for the backend's own work,
 * in the backend), which a report sees once it records the executor ({@link #record()}).
 */
final class ExecutorLive implements LiveThing {

    private final JobExecutor executor;

    ExecutorLive(JobExecutor executor) {
        this.executor = executor;
    }

    @Override
    public String kind() {
        return "executor";
    }

    @Override
    public String name() {
        return executor.getBackend().name();
    }

    @Override
    public LiveState state() {
        if (executor.isCancelled()) {
            return LiveState.CANCELLED;
        }
        return executor.isFinished() ? LiveState.DONE : LiveState.RUNNING;
    }

    @Override
    public LiveSnapshot snapshot() {
        return new LiveSnapshot(System.nanoTime(), executor.submitted(), 0, 0, 0, null, null);
    }

    /** For reports: one work item per call, from now on ({@link CallLog}). */
    @Override
    public LiveRecord record() {
        return executor.recordCalls();
    }

    @Override
    public boolean cancel() {
        return executor.cancel();
    }
}
