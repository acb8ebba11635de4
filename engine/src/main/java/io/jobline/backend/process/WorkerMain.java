package io.jobline.backend.process;

import io.jobline.backend.Backends;
import io.jobline.remote.CodeDelta;
import io.jobline.remote.Wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a worker process of the {@link ProcessBackend}; not for direct use.
 *
 * <p>It reads frames ({@link Frames}) from stdin and writes frames to the real stdout. The code it runs sees a
 * {@code System.out} whose lines become output frames, the real {@code System.err}, and an empty {@code System.in}.
 * It exits when stdin ends (the caller closed it, or is gone) and halts on a frame it cannot read.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) {
        Backends.runningIn(ProcessBackendProvider.NAME);
        FrameSink sink = new FrameSink(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        LineFrames output = new LineFrames(sink);
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        System.setIn(InputStream.nullInputStream());
        TaskRunner runner = new TaskRunner(sink, output);
        runner.start();
        sink.send(new Frames.Body().putLong(ProcessHandle.current().pid()).frame(Frames.READY));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        int status = 0;
        try {
            while (true) {
                int magic;
                try {
                    magic = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                if (magic != Frames.MAGIC) {
                    throw new IOException("not a frame: " + Integer.toHexString(magic));
                }
                handle(Frames.readAfterMagic(in, Integer.MAX_VALUE), runner);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("jobline worker: cannot read from the caller: " + e);
            status = 70;
        }
        System.out.flush();
        // The caller is gone or done with us: a call still running has no one to report to.
        Runtime.getRuntime().halt(status);
    }

    private static void handle(Frames.Frame frame, TaskRunner runner) throws IOException {
        DataInputStream body = new DataInputStream(new ByteArrayInputStream(frame.body()));
        switch (frame.type()) {
            case Frames.UNIT:
                CodeDelta.read(body).define();
                break;
            case Frames.DEFINE:
                runner.define(body.readInt(), Wire.readBytes(body));
                break;
            case Frames.CALL:
                runner.submit(new TaskRunner.Call(body.readLong(), body.readInt(), body.readUTF(), Wire.readBytes(body)));
                break;
            case Frames.CANCEL:
                runner.cancel(body.readLong());
                break;
            case Frames.FORGET:
                runner.forget(body.readInt());
                break;
            default:
                throw new IOException("unknown frame type " + frame.type());
        }
    }
}
