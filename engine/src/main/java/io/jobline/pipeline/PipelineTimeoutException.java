package io.jobline.pipeline;

import java.util.List;

/**
 * Thrown by {@code run}, {@code each} and {@code stream} when the run's {@code timeout} passed. Intake stopped at
 * that moment; each worker finishes the item it holds. Carries the outputs finished so far and the stats.
 */
public class PipelineTimeoutException extends PipelineException {

    PipelineTimeoutException(String message, List<Object> outputs, RunStats stats) {
        super(message, null, null, outputs, stats);
    }
}
