package io.jobline.backend.process;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads frames from a worker's stdout. Bytes that are not a frame (a native library or the JVM writing to stdout
 * directly) are passed on as text, line by line, until the next magic word; they never break the protocol.
 */
final class FrameReader {

    private final DataInputStream in;
    private final Consumer<String> strayText;

    FrameReader(DataInputStream in, Consumer<String> strayText) {
        this.in = in;
        this.strayText = strayText;
    }

    /** @return the next frame, or {@code null} at the end of the stream */
    Frames.Frame next() throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (magic != Frames.MAGIC && !skipText(magic)) {
            return null;
        }
        return Frames.readAfterMagic(in, Frames.CALLER_LIMIT);
    }

    /**
     * Hands on text, starting with the four bytes of {@code first}, up to the next magic word.
     *
     * @return false if the stream ended first
     */
    private boolean skipText(int first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int window = 0;
        for (int i = 0; ; i++) {
            int b = i < 4 ? (first >>> (24 - 8 * i)) & 0xff : in.read();
            if (b < 0) {
                emit(line.toByteArray(), line.size());
                return false;
            }
            window = (window << 8) | b;
            line.write(b);
            if (i >= 3 && window == Frames.MAGIC) {
                emit(line.toByteArray(), line.size() - 4);
                return true;
            }
            if (b == '\n') {
                emit(line.toByteArray(), line.size() - 1);
                line.reset();
            }
        }
    }

    private void emit(byte[] bytes, int length) {
        int end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
        if (end > 0) {
            strayText.accept(new String(bytes, 0, end, StandardCharsets.UTF_8));
        }
    }
}
