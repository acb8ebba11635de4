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

    synchronized void send(Frames.Frame frame) {
        try {
            Frames.write(out, frame);
            out.flush();
        } catch (IOException e) {
            Runtime.getRuntime().halt(0);
        }
    }
}
