package io.jobline.farm;

import io.jobline.live.LiveState;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.LiveRecord;
import io.jobline.live.LiveThing;
import io.jobline.util.Show;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** For reports: one entry per work item (frames, state, node, exit code, error), read by the recorder's rounds. */
    @Override
    public LiveRecord record() {
        return new LiveRecord() {
            @Override
            public List<Map<String, Object>> items(int max) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (WorkItem item : job.getWorkItems()) {
                    if (items.size() >= max) {
                        break;
                    }
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("name", item.getStart() == item.getEnd() ? "frame " + item.getStart()
                            : "frames " + item.getStart() + "-" + item.getEnd());
                    map.put("state", item.getState().name());
                    map.put("node", item.getNode());
                    map.put("exitCode", item.getExitCode());
                    String error = item.getError();
                    map.put("error", error == null ? null : Show.text(error, 1000));
                    items.add(map);
                }
                return items;
            }
        };
    }

    @Override
    public boolean cancel() {
        return job.cancel();
    }
}
