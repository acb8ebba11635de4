package io.jobline.shell.console;

import java.util.Map;

import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * JLine's line reader, letting the shell's other threads draw (the status line) under the same lock the reader
 * redraws the line with, so that neither garbles the other.
 */
public final class ShellReader extends LineReaderImpl {

    ShellReader(Terminal terminal, Map<String, Object> variables) {
        super(terminal, "jobline", variables);
    }

    /** Runs {@code drawing} while the reader does not draw. */
    public void drawLocked(Runnable drawing) {
        lock.lock();
        try {
            drawing.run();
        } finally {
            lock.unlock();
        }
    }
}
