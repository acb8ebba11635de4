package io.jobline.pipeline;

import com.google.gson.GsonBuilder;
import io.jobline.live.LiveSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a run: totals and one {@link StageStats} per stage, in stage order. Immutable; take a new one to
 * see progress.
 */
public final class RunStats implements LiveSnapshot.Detail {

    private final int id;
    private final String name;
    private final RunState state;
    private final long in;
    private final long out;
    private final long doing;
    private final long errors;
    private final Duration elapsed;
    private final List<StageStats> stages;

    RunStats(int id, String name, RunState state, long in, long out, long doing, long errors, Duration elapsed,
             List<StageStats> stages) {
        this.id = id;
        this.name = name;
        this.state = state;
        this.in = in;
        this.out = out;
        this.doing = doing;
        this.errors = errors;
        this.elapsed = elapsed;
        this.stages = Collections.unmodifiableList(new ArrayList<>(stages));
    }

    public int getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public RunState getState() {
        return state;
    }

    /** @return inputs accepted by the run */
    public long getIn() {
        return in;
    }

    /** @return results produced by the last stage */
    public long getOut() {
        return out;
    }

    /** @return items being processed right now, over all stages */
    public long getDoing() {
        return doing;
    }

    /** @return failed items, over all stages */
    public long getErrors() {
        return errors;
    }

    /** @return time since the run started, or its whole duration once it is final */
    public Duration getElapsed() {
        return elapsed;
    }

    public List<StageStats> getStages() {
        return stages;
    }

    /** @return the stats as nested maps, the shape of the JSON form */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("name", name);
        map.put("state", state.name());
        map.put("in", in);
        map.put("out", out);
        map.put("doing", doing);
        map.put("errors", errors);
        map.put("elapsedSeconds", elapsed.toNanos() / 1e9);
        List<Map<String, Object>> stageMaps = new ArrayList<>();
        for (StageStats stage : stages) {
            stageMaps.add(stage.toMap());
        }
        map.put("stages", stageMaps);
        return map;
    }

    /** @return the stats as a JSON object (the same keys as {@link #toMap()}) */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toMap());
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
