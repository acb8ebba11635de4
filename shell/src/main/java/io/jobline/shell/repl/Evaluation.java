package io.jobline.shell.repl;

/**
 * What an input gave: its value, or its failure (a compile error or what it threw), and the name its code has in
 * stack frames (to find its lines in a trace).
 */
public final class Evaluation {

    private final Object value;
    private final Throwable failure;
    private final String sourceName;
    private final String label;

    private Evaluation(Object value, Throwable failure, String sourceName, String label) {
        this.value = value;
        this.failure = failure;
        this.sourceName = sourceName;
        this.label = label;
    }

    static Evaluation value(Object value, String sourceName, String label) {
        return new Evaluation(value, null, sourceName, label);
    }

    static Evaluation failure(Throwable failure, String sourceName, String label) {
        return new Evaluation(null, failure, sourceName, label);
    }

    /** @return the input's value (null when it failed or gave none) */
    public Object value() {
        return value;
    }

    /** @return what went wrong, or null */
    public Throwable failure() {
        return failure;
    }

    public boolean failed() {
        return failure != null;
    }

    /** @return the source name of the input's code, as stack frames carry it */
    public String sourceName() {
        return sourceName;
    }

    /** @return how messages name the input: {@code input} or the {@code :load}ed file */
    public String label() {
        return label;
    }
}
