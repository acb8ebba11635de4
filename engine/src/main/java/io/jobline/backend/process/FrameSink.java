package io.jobline.backend.process;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * In a worker: the one writer of frames to the real stdout. Any thread may send; frames never interleave. A write
 * that fails means the caller is gone, and the worker halts.
 */
final class FrameSink {

    private final DataOutputStream out;

    FrameSink(OutputStream stdout) {
        this.out = new DataOutputStream(stdout);
    }

    /** Writes the frame and flushes it (with any frame {@link #sendLater} left unflushed). */
    void send(Frames.Frame frame) {
        write(frame, true);
    }

    /**
     * Writes the frame without flushing it: for a frame that the next {@link #send} carries along (a call's result
     * when the next call is about to say it started), so that both cost one write to the pipe. The caller of this
     * must make sure a {@code send} follows.
     */
    void sendLater(Frames.Frame frame) {
        write(frame, false);
    }

    private synchronized void write(Frames.Frame frame, boolean flush) {
        try {
            Frames.write(out, frame);
            if (flush) {
                out.flush();
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(0);
        }
    }
}
