package io.jobline.shipping;

import io.jobline.util.Show;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * An exception thrown in another process that cannot be recreated here as itself: its class is unknown on this
 * side, or it holds a field that cannot be serialized. It carries what can cross: the original class name, message,
 * stack frames (the remote ones), causes and suppressed exceptions (each again as a {@code RemoteFailure}).
 *
 * <p>{@link #toString()} (and so a printed stack trace) shows the original class name, as the exception itself
 * would: {@code com.acme.RenderError: frame 12 is empty}.
 */
public class RemoteFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * @param remoteClassName the binary name of the original exception's class
     * @param message         its message, may be {@code null}
     * @param frames          its stack trace
     * @param cause           its cause, already converted; may be {@code null}
     */
    public RemoteFailure(String remoteClassName, String message, StackTraceElement[] frames, Throwable cause) {
        super(message, cause, true, true);
        this.remoteClassName = remoteClassName;
        setStackTrace(frames);
    }

    /**
     * @return {@code failure} as a {@code RemoteFailure}, with its causes and suppressed exceptions converted the
     *         same way (a cycle among them is cut)
     */
    public static RemoteFailure of(Throwable failure) {
        return of(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static RemoteFailure of(Throwable failure, Set<Throwable> seen) {
        seen.add(failure);
        Throwable cause = failure.getCause();
        // Show.message: a getMessage() that throws (a bug in a Groovy message) must not replace the failure it reports.
        RemoteFailure converted = new RemoteFailure(failure.getClass().getName(), Show.message(failure),
                failure.getStackTrace(), cause == null || seen.contains(cause) ? null : of(cause, seen));
        for (Throwable suppressed : failure.getSuppressed()) {
            if (!seen.contains(suppressed)) {
                converted.addSuppressed(of(suppressed, seen));
            }
        }
        return converted;
    }

    /** @return the binary class name of the exception this stands for */
    public String getRemoteClassName() {
        return remoteClassName;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? remoteClassName : remoteClassName + ": " + message;
    }
}
