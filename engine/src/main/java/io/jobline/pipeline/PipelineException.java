package io.jobline.pipeline;

import java.util.Collections;
import java.util.List;

/**
 * Thrown by {@code run}, {@code each} and {@code stream} when a run fails: under {@link ErrorPolicy#FAIL} the first
 * item a stage failed on, or a failure to read the input. The cause is the original exception.
 */
public class PipelineException extends RuntimeException {

    /** The stage name a failure to read the run's input is reported under. */
    static final String INPUT = "input";

    private final transient StageError error;
    private final transient List<Object> outputs;
    private final transient RunStats stats;

    PipelineException(String message, StageError error, Throwable cause, List<Object> outputs, RunStats stats) {
        super(message, cause);
        this.error = error;
        this.outputs = outputs == null ? Collections.emptyList() : Collections.unmodifiableList(outputs);
        this.stats = stats;
    }

    static PipelineException of(StageError error, List<Object> outputs, RunStats stats) {
        String message = INPUT.equals(error.getStage())
                ? "reading the input of pipeline '" + stats.getName() + "' failed: " + error.getException()
                : "stage '" + error.getStage() + "' failed on item " + show(error.getItem()) + ": " + error.getException();
        return new PipelineException(message, error, error.getException(), outputs, stats);
    }

    /** @return the stage that failed, or {@code null} when the run failed for another reason */
    public String getStage() {
        return error == null ? null : error.getStage();
    }

    /** @return the item the stage failed on, or {@code null} */
    public Object getItem() {
        return error == null ? null : error.getItem();
    }

    /** @return the failure as a StageError, or {@code null} */
    public StageError getError() {
        return error;
    }

    /** @return the outputs finished before the run stopped (collected by {@code run}; empty for {@code each}/{@code stream}) */
    public List<Object> getOutputs() {
        return outputs;
    }

    /** @return the run's stats when it stopped */
    public RunStats getStats() {
        return stats;
    }

    static String show(Object item) {
        String text = io.jobline.util.SafeText.of(item, 1000); // a throwing or huge toString must not break the message
        if (text.length() > 80) {
            text = text.substring(0, 77) + "...";
        }
        return item instanceof CharSequence ? "'" + text + "'" : text;
    }
}
