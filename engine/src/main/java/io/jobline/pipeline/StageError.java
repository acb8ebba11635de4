package io.jobline.pipeline;

/** One item a stage failed on (after its retries): which stage, which item, and the exception it threw. */
public final class StageError {

    private final String stage;
    private final Object item;
    private final Throwable exception;

    StageError(String stage, Object item, Throwable exception) {
        this.stage = stage;
        this.item = item;
        this.exception = exception;
    }

    /** @return the stage's name */
    public String getStage() {
        return stage;
    }

    /** @return the item the stage was given */
    public Object getItem() {
        return item;
    }

    /** @return what the stage function threw, with its stack trace; earlier attempts' exceptions are suppressed ones */
    public Throwable getException() {
        return exception;
    }

    @Override
    public String toString() {
        return "stage '" + stage + "' failed on item " + PipelineException.show(item) + ": " + exception;
    }
}
