package io.jobline.pipeline;

import io.jobline.live.LiveRecord;
import io.jobline.live.Timeline;
import io.jobline.util.Show;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Run}'s record for reports: its stages' busy lanes, the errors it kept, its pipeline's graph. */
final class RunRecord implements LiveRecord {

    /** How much of a user's item a report shows. */
    static final int ITEM_TEXT = 300;

    private final Run run;
    private final Timeline timeline;

    /** @param timeline the stages' lanes, or {@code null} for a run that was not recorded */
    RunRecord(Run run, Timeline timeline) {
        this.run = run;
        this.timeline = timeline;
    }

    @Override
    public Timeline timeline() {
        return timeline;
    }

    @Override
    public List<Map<String, Object>> errors(int max) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (StageError error : run.getErrors()) {
            if (errors.size() >= max) {
                break;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Throwable exception = error.getException();
            map.put("part", error.getStage());
            map.put("item", Show.text(error.getItem(), ITEM_TEXT));
            map.put("exception", exception == null ? "" : exception.getClass().getName());
            map.put("message", exception == null ? "" : Show.text(Show.message(exception), 1000));
            map.put("trace", exception == null ? "" : Show.trace(exception, 40));
            errors.add(map);
        }
        return errors;
    }

    @Override
    public Map<String, Object> graph() {
        PipelineGraph graph = run.getPipeline().graph();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("stages", graph.stages());
        map.put("dot", graph.toDot());
        map.put("mermaid", graph.toMermaid());
        return map;
    }
}
