package io.jobline.backend.process;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * In a worker: what the code writes to {@code System.out}, as one {@link Frames#OUTPUT} frame per line, so that it
 * cannot corrupt the protocol. A line without its newline yet waits for it, or for {@link #endLine()} (at the end
 * of a task, before its result, so the caller shows a task's output before it sees the task end).
 */
final class LineFrames extends OutputStream {

    private final FrameSink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

    LineFrames(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    /** Sends a pending partial line, if there is one. */
    synchronized void endLine() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        int length = line.size();
        byte[] bytes = line.toByteArray();
        if (length > 0 && bytes[length - 1] == '\r') {
            bytes = Arrays.copyOf(bytes, length - 1);
        }
        line.reset();
        sink.send(new Frames.Body().putBytes(bytes).frame(Frames.OUTPUT));
    }
}
