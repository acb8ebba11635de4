package io.jobline.remote;

import io.jobline.shipping.RemoteFailure;
import io.jobline.shipping.Shipping;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * How one remote call ended, encoded: its result, or the exception it threw. Made where the call ran, read where it
 * was submitted; the same bytes travel in a process-backend frame and in a farm's result file.
 *
 * <p>Encoding ({@link Wire}): a kind byte; {@code 0} (result): bytes of the result ({@link Shipping#packResult});
 * {@code 1} (failure): bytes of the exception itself (empty when it cannot be serialized), then bytes of it as a
 * {@link RemoteFailure} (its class name, message, remote frames, causes and suppressed exceptions), for a receiver
 * that cannot recreate the exception's class. Immutable.
 */
public final class Outcome {

    private static final byte RESULT = 0;
    private static final byte FAILURE = 1;

    private final byte kind;
    private final byte[] value;
    private final byte[] fallback;

    private Outcome(byte kind, byte[] value, byte[] fallback) {
        this.kind = kind;
        this.value = value;
        this.fallback = fallback;
    }

    /**
     * @return {@code result} encoded; if it cannot be serialized, the {@link io.jobline.shipping.NotShippableException}
     *         saying so, encoded as the call's failure
     */
    public static Outcome ofResult(Object result, String what) {
        try {
            return new Outcome(RESULT, Shipping.packResult(result, what).bytes(), null);
        } catch (RuntimeException e) {
            return ofFailure(e);
        }
    }

    /** @return {@code failure} encoded both as itself (when it serializes) and as a {@link RemoteFailure} */
    public static Outcome ofFailure(Throwable failure) {
        byte[] exact;
        try {
            // One whose toString() throws (a getMessage() with a bug) would break the receiver's future machinery
            // (CompletionException calls it): only its RemoteFailure form, whose message says so, is sent.
            failure.toString();
            exact = Shipping.pack(failure).bytes();
        } catch (IOException | RuntimeException e) {
            exact = new byte[0];
        }
        try {
            return new Outcome(FAILURE, exact, Shipping.pack(RemoteFailure.of(failure)).bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a RemoteFailure", e);
        }
    }

    /** @return whether the call threw */
    public boolean failed() {
        return kind == FAILURE;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length + 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            Wire.writeBytes(out, value);
            if (kind == FAILURE) {
                Wire.writeBytes(out, fallback);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException if {@code bytes} are not an encoded outcome */
    public static Outcome fromBytes(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte kind = in.readByte();
        if (kind != RESULT && kind != FAILURE) {
            throw new IOException("not an outcome: kind " + kind);
        }
        byte[] value = Wire.readBytes(in);
        return new Outcome(kind, value, kind == FAILURE ? Wire.readBytes(in) : null);
    }

    /**
     * Completes {@code future} with the decoded result, or exceptionally with the decoded exception (recreated as
     * itself when this JVM can read it, else as its {@link RemoteFailure}). A result or exception that cannot be
     * read here fails the future with an {@link IllegalStateException} naming {@code what} and {@code where}.
     */
    public void settle(CompletableFuture<Object> future, String what, Object where) {
        try {
            if (kind == RESULT) {
                future.complete(Shipping.unpack(value));
            } else {
                future.completeExceptionally(failure());
            }
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            future.completeExceptionally(new IllegalStateException(
                    (kind == RESULT ? "the result" : "the exception") + " of " + what + " arrived from " + where
                            + " but cannot be read here: " + e, e));
        }
    }

    /**
     * @return the result
     * @throws Throwable the call's exception, decoded as in {@link #settle}
     */
    public Object get(String what, Object where) throws Throwable {
        CompletableFuture<Object> future = new CompletableFuture<>();
        settle(future, what, where);
        try {
            return future.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause();
        }
    }

    private Throwable failure() throws IOException, ClassNotFoundException {
        if (value.length > 0) {
            try {
                return (Throwable) Shipping.unpack(value);
            } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                // Not readable here (its class is unknown on this side, say): the RemoteFailure form is.
            }
        }
        return (Throwable) Shipping.unpack(fallback);
    }
}
