package io.jobline.shell.views;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.PartSnapshot;
import io.jobline.live.StatsSampler;
import io.jobline.shell.repl.ValueFormat;

/**
 * {@code :watch}: a full-screen view of one live entry, redrawn {@value #FRAMES_PER_SECOND} times a second: its
 * totals and rate, and per stage a bar of busy threads, a bar of queue fill, items/s and errors. {@code q} or Ctrl-C
 * returns to the prompt; the run goes on. Shown on the terminal's alternate screen, so the session's text is back
 * as it was afterwards.
 */
public final class WatchView {

    static final int FRAMES_PER_SECOND = 5;
    private static final int BUSY_BAR = 10;
    private static final int QUEUE_BAR = 16;

    private final Terminal terminal;
    private final LiveEntry entry;
    private final StatsSampler sampler;
    private final boolean unicode;
    private volatile boolean quit;

    public WatchView(Terminal terminal, LiveEntry entry, StatsSampler sampler) {
        this.terminal = terminal;
        this.entry = entry;
        this.sampler = sampler;
        this.unicode = terminal.encoding().newEncoder().canEncode('\u2588');
    }

    /** Shows the view until {@code q} or Ctrl-C. */
    public void show() throws IOException {
        Attributes saved = terminal.enterRawMode();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> quit = true);
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.puts(Capability.clear_screen);
        terminal.flush();
        Display display = new Display(terminal, true);
        NonBlockingReader keys = terminal.reader();
        try {
            long frame = 1000 / FRAMES_PER_SECOND;
            while (!quit) {
                display.resize(terminal.getHeight(), terminal.getWidth());
                List<AttributedString> lines = new ArrayList<>();
                for (String line : frame(terminal.getWidth())) {
                    lines.add(new AttributedString(line));
                }
                display.update(lines, -1);
                int key = keys.read(frame);
                if (key == 'q' || key == 'Q' || key == 3 || key == NonBlockingReader.EOF) {
                    quit = true;
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.exit_ca_mode);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    /** @return the lines of one frame, each at most {@code width} characters */
    public List<String> frame(int width) {
        LiveSnapshot snapshot = entry.snapshot();
        List<String> lines = new ArrayList<>();
        lines.add("Jobline :watch   [" + entry.id() + "] " + entry.kind() + " '" + entry.name() + "' " + entry.state()
                + "   " + ValueFormat.seconds(entry.elapsed()) + "   (q or Ctrl-C: back to the prompt)");
        lines.add(String.format(Locale.ROOT, "in %d   out %d   errors %d   doing %d   %s", snapshot.in(),
                snapshot.out(), snapshot.errors(), snapshot.doing(),
                entry.isLive() ? LiveText.rate(sampler.rate(entry)) + " out" : "ended"));
        lines.add("");
        if (!snapshot.parts().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "%-16s %-" + (BUSY_BAR + 9) + "s %-" + (QUEUE_BAR + 12) + "s %9s %9s",
                    "stage", "busy/threads", "queue", "items/s", "errors"));
        }
        for (PartSnapshot part : snapshot.parts()) {
            String busy = bar(part.busy(), part.size(), BUSY_BAR) + " " + part.busy() + "/" + part.size();
            String queue = bar(part.queueSize(), part.queueCapacity(), QUEUE_BAR) + " " + part.queueSize() + "/"
                    + part.queueCapacity();
            String rate = entry.isLive() ? LiveText.rate(sampler.rate(entry, part.name())) : "-";
            lines.add(String.format(Locale.ROOT, "%-16s %-" + (BUSY_BAR + 9) + "s %-" + (QUEUE_BAR + 12) + "s %9s %9d",
                    cut(part.name(), 16), busy, queue, rate, part.errors()));
        }
        List<String> fitted = new ArrayList<>();
        for (String line : lines) {
            fitted.add(line.length() > width ? line.substring(0, Math.max(0, width)) : line);
        }
        return fitted;
    }

    private String bar(long value, long max, int width) {
        int filled = max <= 0 ? 0 : (int) Math.min(width, Math.round((double) value * width / max));
        char full = unicode ? '\u2588' : '#';
        char empty = unicode ? '\u2591' : '.';
        return "[" + String.valueOf(full).repeat(filled) + String.valueOf(empty).repeat(width - filled) + "]";
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
