package io.jobline.shell.views;

import java.util.List;
import java.util.function.Consumer;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

import io.jobline.live.LiveRegistry;
import io.jobline.live.StatsSampler;

/**
 * The line under the prompt while something the session started is live: how many of what, how many items per
 * second ({@link LiveText#status}). Drawn with JLine's {@link Status} (the bottom line of the terminal, kept clear
 * of the line being edited) under the reader's lock; on a terminal without that capability nothing is drawn, but
 * {@link #text()} still tells. Refreshed after each round of the stats sampler and when an entry ends.
 */
public final class StatusLine {

    private final Terminal terminal;
    private final LiveRegistry scope;
    private final StatsSampler sampler;
    private final Consumer<Runnable> drawLocked;
    private volatile String text;
    private boolean paused;

    /** @param drawLocked runs a drawing under the line reader's lock */
    public StatusLine(Terminal terminal, LiveRegistry scope, StatsSampler sampler, Consumer<Runnable> drawLocked) {
        this.terminal = terminal;
        this.scope = scope;
        this.sampler = sampler;
        this.drawLocked = drawLocked;
    }

    /** @return the status now, or null when nothing is live */
    public String text() {
        return text;
    }

    /** Reads the live entries and redraws. Never throws; cheap. */
    public synchronized void refresh() {
        if (paused) {
            return; // a full-screen view owns the terminal: a redraw here would land in it
        }
        String now = LiveText.status(scope.live(), sampler);
        if (now == null && text == null) {
            return;
        }
        text = now;
        draw(now == null ? List.of()
                : List.of(new AttributedString(now, AttributedStyle.DEFAULT.inverse())));
    }

    /** Removes the line and draws nothing until {@link #resume()}: a full-screen view ({@code :watch}) is up. */
    public synchronized void pause() {
        close();
        paused = true;
    }

    /** Draws again, at once. */
    public void resume() {
        synchronized (this) {
            paused = false;
        }
        refresh();
    }

    /** Removes the line for good (the shell ends). */
    public synchronized void close() {
        text = null;
        draw(List.of());
    }

    private void draw(List<AttributedString> lines) {
        if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            return; // no cursor movement; JLine's reader must not see a Status there either
        }
        try {
            drawLocked.accept(() -> {
                Status status = Status.getStatus(terminal, !lines.isEmpty());
                if (status != null) {
                    status.update(lines);
                }
            });
        } catch (RuntimeException e) {
            // a terminal gone away: the status is a help, the shell goes on
        }
    }
}
