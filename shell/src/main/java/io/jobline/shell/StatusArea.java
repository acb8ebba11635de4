package io.jobline.shell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A few status lines kept under a program's own output on an ANSI terminal.
 *
 * <p>Output must go through the streams {@link #guard} returns: each write first erases the status lines, then
 * writes, so output and status never mix on a line. The lines come back at the next {@link #set}, and only when the
 * output has ended its line (a half-written line is never broken by a status line). All methods are thread-safe; a
 * write and a redraw never interleave.
 */
final class StatusArea {

    private static final String ERASE_LINE = "\r\033[2K";
    private static final String LINE_UP = "\033[1A";

    private final PrintStream terminal;
    private final IntSupplier width;
    private final Map<Object, String> lines = new LinkedHashMap<>();
    private int drawn;
    private boolean atLineStart = true;
    private boolean closed;

    /**
     * @param terminal the stream that reaches the terminal
     * @param width    the terminal's width in columns, read at each redraw
     */
    StatusArea(PrintStream terminal, IntSupplier width) {
        this.terminal = terminal;
        this.width = width;
    }

    /**
     * @return how long a status line may be: a few columns short of the width, so that neither the cursor at the end
     *         of a full line nor the "^C" a terminal echoes at Ctrl-C moves onto the next line, where erasing would
     *         miss the status line
     */
    int columns() {
        return Math.max(10, width.getAsInt() - 4);
    }

    /** Shows {@code line} as the status line of {@code key}, new lines below the older ones. */
    synchronized void set(Object key, String line) {
        lines.put(key, line);
        redraw();
    }

    /** Removes the status line of {@code key}, if any. */
    synchronized void remove(Object key) {
        if (lines.remove(key) != null) {
            redraw();
        }
    }

    /** Erases the status lines for good; the guarded streams then write straight through. */
    synchronized void close() {
        closed = true;
        lines.clear();
        terminal.print(erase());
        terminal.flush();
    }

    /** @return a stream onto {@code target} (encoding text in {@code charset}) that keeps clear of the status lines */
    PrintStream guard(PrintStream target, Charset charset) {
        return new PrintStream(new Guard(target), true, charset);
    }

    private void redraw() {
        if (closed) {
            return;
        }
        StringBuilder screen = new StringBuilder(erase());
        if (atLineStart && !lines.isEmpty()) {
            int columns = columns();
            for (String line : lines.values()) {
                if (drawn > 0) {
                    screen.append('\n');
                }
                screen.append(fit(line, columns));
                drawn++;
            }
        }
        terminal.print(screen);
        terminal.flush();
    }

    /** @return the escapes that erase the status lines and leave the cursor where they began */
    private String erase() {
        StringBuilder escapes = new StringBuilder();
        for (int i = 0; i < drawn; i++) {
            escapes.append(i == 0 ? "" : LINE_UP).append(ERASE_LINE);
        }
        drawn = 0;
        return escapes.toString();
    }

    private static String fit(String line, int columns) {
        String flat = line.replace('\n', ' ').replace('\r', ' ');
        if (flat.codePointCount(0, flat.length()) <= columns) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, columns - 3)) + "...";
    }

    private synchronized void write(PrintStream target, byte[] bytes, int offset, int length) {
        if (drawn > 0) {
            terminal.print(erase());
            terminal.flush();
        }
        target.write(bytes, offset, length);
        target.flush();
        if (length > 0) {
            atLineStart = bytes[offset + length - 1] == '\n';
        }
    }

    private final class Guard extends OutputStream {

        private final PrintStream target;

        Guard(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            StatusArea.this.write(target, bytes, offset, length);
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
