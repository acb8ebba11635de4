package io.jobline.backend.process;

import io.jobline.shipping.Shipping;

import java.io.DataInputStream;
import java.io.IOException;

/** Turns a worker's reply to a call into the outcome of the call's future. */
final class Replies {

    private Replies() {
    }

    /**
     * Completes {@code task} from the rest of a {@link Frames#RESULT} or {@link Frames#FAILURE} body. A failure is
     * recreated as the exception itself when this JVM can read it, else taken as its RemoteFailure form.
     */
    static void settle(ProcessTask task, boolean result, DataInputStream body) {
        try {
            if (result) {
                task.complete(Shipping.unpack(Frames.readBytes(body)));
                return;
            }
            byte[] exact = Frames.readBytes(body);
            byte[] fallback = Frames.readBytes(body);
            task.completeExceptionally(failure(exact, fallback));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            task.completeExceptionally(new IllegalStateException(
                    (result ? "the result" : "the exception") + " of " + task.what + " arrived from "
                            + task.getNode() + " but cannot be read here: " + e, e));
        }
    }

    private static Throwable failure(byte[] exact, byte[] fallback) throws IOException, ClassNotFoundException {
        if (exact.length > 0) {
            try {
                return (Throwable) Shipping.unpack(exact);
            } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                // Not readable here (its class is unknown on this side, say): the RemoteFailure form is.
            }
        }
        return (Throwable) Shipping.unpack(fallback);
    }
}
