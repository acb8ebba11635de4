package io.jobline.farm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One array job to submit. A value.
 *
 * @param name        the job's name
 * @param script      the job script every task runs (it reads its index from {@link Scheduler#taskIndexVariable()})
 * @param jobDir      the job's folder in workDir (the scheduler's own log pattern lives there)
 * @param size        how many tasks, indexed {@code 0 … size-1}
 * @param maxParallel how many may run at once, or 0 for no limit
 * @param options     the farm's checked options ({@link Scheduler#checkOptions})
 * @param frames      for a command job, each task's first and last frame ({@code {start, end}}) in index order;
 *                    empty for function jobs (a scheduler with an agenda of frames uses them)
 */
public record SubmitRequest(String name, Path script, Path jobDir, int size, int maxParallel,
                            Map<String, Object> options, List<int[]> frames) {

    public SubmitRequest(String name, Path script, Path jobDir, int size, int maxParallel, Map<String, Object> options) {
        this(name, script, jobDir, size, maxParallel, options, List.of());
    }
}
