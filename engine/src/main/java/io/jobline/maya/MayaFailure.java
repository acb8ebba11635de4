package io.jobline.maya;

/**
 * A Maya work item or Python snippet that failed: the message says which job and item, and how (the farm's report
 * with the log tail, or the Python exception); {@link #getTraceback()} is the Python traceback when a snippet raised.
 */
public final class MayaFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String traceback;

    MayaFailure(String message, String traceback) {
        super(traceback == null ? message : message + "\n" + traceback.stripTrailing());
        this.traceback = traceback;
    }

    /** @return the Python traceback of a snippet that raised, or {@code null} */
    public String getTraceback() {
        return traceback;
    }
}
