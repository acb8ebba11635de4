package io.jobline.maya;

import io.jobline.farm.Farm;
import io.jobline.farm.FarmJob;
import io.jobline.farm.WorkItem;
import io.jobline.future.JobState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Maya work items on a farm ({@code slurm(...)}, {@code qube(...)}): each Maya job is one command job of the farm
 * layer ({@link Farm#job}), one task per work item, listed in the shell's {@code :jobs} like any farm job. The farm
 * layer polls, cancels and reports failures; this only turns its work items into {@link Part}s.
 */
final class FarmRunner implements Runner {

    private final Farm farm;
    private final String farmName;
    private final boolean owned;
    private final Set<FarmJob> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param owned whether {@link #close()} closes the farm (Jobline made it from a name) */
    FarmRunner(Farm farm, boolean owned) {
        this.farm = farm;
        this.farmName = farm.getEngine().scheduler().name();
        this.owned = owned;
    }

    @Override
    public String name() {
        return farmName;
    }

    @Override
    public Set<String> jobOptionNames() {
        Set<String> names = new LinkedHashSet<>(farm.getEngine().scheduler().optionNames());
        names.add("retries");
        names.add("maxParallel");
        return names;
    }

    @Override
    public List<Part> submit(String name, List<Integer> frames, int chunk, Map<String, Object> options,
                             BiFunction<Integer, Integer, String> command) {
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.put("name", name);
        all.put("frames", frames);
        all.put("chunk", chunk);
        FarmJob job = farm.job(all, (Object) command);
        live.add(job);
        job.onDone(live::remove);
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < job.getWorkItems().size(); i++) {
            WorkItem item = job.getWorkItems().get(i);
            Part part = new Part(item.getStart(), item.getEnd());
            part.jobId = job.getJobId();
            part.workId = Integer.toString(i);
            part.node = item::getNode;
            part.logTail = () -> {
                List<String> tail = new ArrayList<>();
                tail.add("log: " + item.getLogFile());
                tail.addAll(item.log(20));
                return tail;
            };
            part.canceller = item::cancel;
            item.onRunning(part::running);
            item.onDone(ended -> settle(part, ended));
            parts.add(part);
        }
        return parts;
    }

    private static void settle(Part part, WorkItem item) {
        JobState state = item.getState();
        if (state == JobState.DONE) {
            part.done.complete(null);
        } else if (state == JobState.CANCELLED) {
            part.done.cancel(false);
        } else {
            part.done.completeExceptionally(new MayaFailure(item.getError(), null));
        }
    }

    @Override
    public void close() {
        if (owned) {
            farm.close();
        } else {
            List.copyOf(live).forEach(FarmJob::cancel);
        }
    }
}
