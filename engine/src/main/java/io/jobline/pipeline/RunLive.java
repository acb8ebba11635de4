package io.jobline.pipeline;

import io.jobline.live.LiveRecord;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.LiveState;
import io.jobline.live.LiveThing;
import io.jobline.live.PartSnapshot;

import java.util.ArrayList;
import java.util.List;

/** A {@link Run} as the live registry sees it: kind {@code run}, its stages as parts, its {@link RunStats} as detail. */
final class RunLive implements LiveThing {

    private final Run run;

    RunLive(Run run) {
        this.run = run;
    }

    @Override
    public String kind() {
        return "run";
    }

    @Override
    public String name() {
        return run.getName();
    }

    @Override
    public LiveState state() {
        return LiveState.of(run.getState());
    }

    @Override
    public LiveSnapshot snapshot() {
        long now = System.nanoTime();
        RunStats stats = run.stats();
        List<PartSnapshot> parts = new ArrayList<>(stats.getStages().size());
        for (StageStats stage : stats.getStages()) {
            parts.add(new PartSnapshot(stage.getName(), stage.getThreads(), stage.getQueue().getSize(),
                    stage.getQueue().getCapacity(), stage.getIn(), stage.getOut(), stage.getErrors(), stage.getBusy()));
        }
        return new LiveSnapshot(now, stats.getIn(), stats.getOut(), stats.getErrors(), stats.getDoing(), parts, stats);
    }

    @Override
    public boolean cancel() {
        return run.cancel();
    }

    @Override
    public LiveRecord record() {
        return run.record();
    }

    @Override
    public List<String> parts() {
        return run.getPipeline().getStageNames();
    }

    @Override
    public void resize(String part, int size) {
        run.threads(part, size);
    }
}
