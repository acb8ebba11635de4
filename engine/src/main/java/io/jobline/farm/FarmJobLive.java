package io.jobline.farm;

import io.jobline.live.LiveState;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.LiveThing;

/**
 * A {@link FarmJob} as the live registry sees it: kind {@code farm job}, so the shell's {@code :jobs} lists it and
 * {@code :cancel} (or the end of the script's scope, Ctrl-C under {@code jobline run}) cancels it. Its snapshot counts
 * work items: {@code in} all, {@code out} done, {@code errors} failed or cancelled, {@code doing} running.
 */
final class FarmJobLive implements LiveThing {

    private final FarmJob job;
    private final String farm;

    FarmJobLive(FarmJob job, String farm) {
        this.job = job;
        this.farm = farm;
    }

    @Override
    public String kind() {
        return "farm job";
    }

    @Override
    public String name() {
        return job.getName() + " (" + farm + " " + job.getJobId() + ")";
    }

    @Override
    public LiveState state() {
        return LiveState.of(job.getState());
    }

    @Override
    public LiveSnapshot snapshot() {
        long done = 0;
        long failed = 0;
        long running = 0;
        for (WorkItem item : job.getWorkItems()) {
            switch (item.getState()) {
                case DONE -> done++;
                case FAILED, CANCELLED -> failed++;
                case RUNNING -> running++;
                default -> {
                }
            }
        }
        return new LiveSnapshot(System.nanoTime(), job.getWorkItems().size(), done, failed, running, null, null);
    }

    @Override
    public boolean cancel() {
        return job.cancel();
    }
}
