package io.jobline.farm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One submitted array job: its tasks in index order and its folder in workDir. The engine's bookkeeping.
 */
final class FarmArray {

    private final FarmEngine engine;
    private final String name;
    private final Path dir;
    private final List<FarmTask> tasks;
    private final Map<String, Object> options;
    private final int retries;
    private volatile String jobId;

    FarmArray(FarmEngine engine, String name, Path dir, List<FarmTask> tasks, Map<String, Object> options, int retries) {
        this.engine = engine;
        this.name = name;
        this.dir = dir;
        this.tasks = List.copyOf(tasks);
        this.options = options;
        this.retries = retries;
    }

    FarmEngine engine() {
        return engine;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    List<FarmTask> tasks() {
        return tasks;
    }

    Map<String, Object> options() {
        return options;
    }

    int retries() {
        return retries;
    }

    String jobId() {
        return jobId;
    }

    void submitted(String id) {
        this.jobId = id;
    }

    /** @return whether every task of this attempt is final or has moved on to a later attempt */
    boolean isOver() {
        for (FarmTask task : tasks) {
            if (task.array() == this && !task.outcome().isDone()) {
                return false;
            }
        }
        return true;
    }
}
