package io.jobline.shipping;

/**
 * A function, argument or result cannot cross to another process. The message says which one, where it was
 * defined, which variable or value is the obstacle and of which type, for example: <i>stage 'render'
 * (job.groovy:12) captures variable 'conn' of type java.sql.Connection, which cannot be sent to a worker
 * process</i>.
 */
public class NotShippableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NotShippableException(String message, Throwable cause) {
        super(message, cause);
    }
}
