package io.jobline.remote;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The primitives of Jobline's one wire format (see docs/remote-calls.md): big-endian {@link DataOutput} values, and
 * {@code bytes} = an int length followed by that many bytes. Pipes (the process backend's frames) and bundle folders
 * (a farm's files) are both written with these.
 */
public final class Wire {

    private Wire() {
    }

    public static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** @throws IOException for a negative length (a corrupt stream) or a stream that ends early */
    public static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt data: length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /**
     * Reads {@code bytes} of at most {@code limit} bytes, in pieces as they arrive: a length read from a corrupt
     * stream costs no more memory than the bytes that really follow it.
     *
     * @param what what is read, for the message: {@code "frame"}
     * @throws IOException for a negative length, one above {@code limit}, or a stream that ends early
     */
    public static byte[] readBytes(DataInput in, int limit, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IOException("corrupt data: a " + what + " of " + length + " bytes"
                    + (length < 0 ? "" : ", above the limit of " + limit));
        }
        byte[] bytes = new byte[Math.min(length, PIECE)];
        int read = 0;
        while (read < length) {
            if (read == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
            }
            int piece = bytes.length - read;
            in.readFully(bytes, read, piece);
            read += piece;
        }
        return bytes;
    }

    /** The first allocation of {@link #readBytes(DataInput, int, String)}; it doubles from there. */
    private static final int PIECE = 1 << 20;

    /** Something that writes itself in this format: a frame body, a packet's content. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }
}
