package io.jobline.backend.process;

import io.jobline.remote.Wire;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire format between {@link ProcessBackend} and {@link WorkerMain}, on the worker's stdin and stdout: a frame is
 * {@link #MAGIC}, a type byte, the body's length (int) and the body. The magic word lets the caller tell frames from
 * text that something native wrote to the worker's stdout.
 *
 * <p>Bodies ({@code bytes} = int length + bytes; {@code utf} = {@link DataOutputStream#writeUTF}; the remote-call
 * layer's encodings, {@link io.jobline.remote.CodeDelta} and {@link io.jobline.remote.Outcome}, are the ones a farm's
 * bundle folder holds; docs/remote-calls.md has the whole format):
 * <ul>
 *   <li>caller to worker: {@link #UNIT} a CodeDelta; {@link #DEFINE} int function id, bytes; {@link #CALL} long task
 *       id, int function id, utf what, bytes args; {@link #CANCEL} long task id; {@link #FORGET} int function id</li>
 *   <li>worker to caller: {@link #READY} long pid; {@link #STARTED} long task id (sent and flushed before the
 *       call's code runs); {@link #RESULT} long task id, bytes an Outcome; {@link #OUTPUT} bytes one line of
 *       System.out in UTF-8</li>
 * </ul>
 *
 * <p>A frame the caller reads is at most {@link #CALLER_LIMIT} bytes: a longer length is taken for garbage (text
 * written past {@code System.out} that happened to contain the magic word, a corrupt stream) and fails the read,
 * instead of allocating what the length says. Bodies are read in pieces as their bytes arrive, so even a length
 * under the limit costs only the memory of the bytes really sent.
 */
final class Frames {

    static final int MAGIC = 0x4A4C4E21;

    static final byte UNIT = 1;
    static final byte DEFINE = 2;
    static final byte CALL = 3;
    static final byte CANCEL = 4;
    static final byte FORGET = 5;

    static final byte READY = 10;
    static final byte RESULT = 11;
    static final byte OUTPUT = 13;
    static final byte STARTED = 12;

    /** The longest frame the caller takes from a worker: 512 MiB, the largest result a pipe is fit to carry. */
    static final int CALLER_LIMIT = 512 << 20;

    private Frames() {
    }

    /** One frame: its type and body. */
    record Frame(byte type, byte[] body) {
    }

    /** Writes a frame; the caller flushes and keeps writers of one stream apart. */
    static void write(DataOutputStream out, Frame frame) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(frame.type());
        out.writeInt(frame.body().length);
        out.write(frame.body());
    }

    /**
     * Reads the rest of a frame whose magic word was read already.
     *
     * @param limit the most bytes its body may have
     * @throws IOException if the stream ends early or the body's length is negative or above {@code limit}
     */
    static Frame readAfterMagic(DataInput in, int limit) throws IOException {
        byte type = in.readByte();
        return new Frame(type, Wire.readBytes(in, limit, "frame"));
    }

    /** @return the long a frame's body starts with (a task id) */
    static long longAt(Frame frame) {
        byte[] b = frame.body();
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (b[i] & 0xff);
        }
        return value;
    }

    /** Builds a frame's body; writing to memory, it never fails. */
    static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Body putInt(int value) {
            try {
                out.writeInt(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Body putLong(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Body putUtf(String value) {
            try {
                out.writeUTF(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Body putBytes(byte[] value) {
            putInt(value.length);
            bytes.write(value, 0, value.length);
            return this;
        }

        /** Appends what {@code writer} writes. */
        Body put(Wire.Writer writer) {
            try {
                writer.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Frame frame(byte type) {
            return new Frame(type, bytes.toByteArray());
        }
    }
}
