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

    /** Something that writes itself in this format: a frame body, a packet's content. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }
}
