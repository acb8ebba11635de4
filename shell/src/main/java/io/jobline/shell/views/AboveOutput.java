package io.jobline.shell.views;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import org.jline.reader.LineReader;

/**
 * Output written while the shell may be showing its prompt (a run's stage printing in the background): while the
 * reader reads a line, each complete line goes above the prompt ({@link LineReader#printAbove}), so the line being
 * edited is never garbled; otherwise text goes straight to the terminal. A partial line waits for its end while the
 * prompt is up (at most {@value #MAX_PENDING} characters). Thread-safe.
 */
public final class AboveOutput extends OutputStream {

    static final int MAX_PENDING = 4096;

    private final LineReader reader;
    private final PrintWriter terminal;
    private final Charset charset;
    private final StringBuilder pending = new StringBuilder();

    public AboveOutput(LineReader reader, PrintWriter terminal, Charset charset) {
        this.reader = reader;
        this.terminal = terminal;
        this.charset = charset;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        pending.append(new String(bytes, offset, length, charset));
        if (!reader.isReading()) {
            terminal.print(pending);
            terminal.flush();
            pending.setLength(0);
            return;
        }
        int end = pending.lastIndexOf("\n");
        if (end >= 0) {
            reader.printAbove(pending.substring(0, end));
            pending.delete(0, end + 1);
        } else if (pending.length() > MAX_PENDING) {
            reader.printAbove(pending.toString());
            pending.setLength(0);
        }
    }

    @Override
    public synchronized void flush() {
        if (!reader.isReading() && pending.length() > 0) {
            terminal.print(pending);
            pending.setLength(0);
        }
        terminal.flush();
    }
}
