package io.jobline.shell.views;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveListener;
import io.jobline.util.Threads;

/**
 * Tells the user when something that went on in the background ends: one line ({@link LiveText#ended}) above the
 * prompt. The registry calls {@link #ended} on the thread that ended the entry; the line is printed by a thread of
 * its own, so that a listener never waits for the terminal.
 */
public final class Notices implements LiveListener, AutoCloseable {

    private final Predicate<LiveEntry> wanted;
    private final Consumer<String> printAbove;
    private final Runnable afterEach;
    private final List<String> held = new ArrayList<>();
    private volatile boolean paused;
    private final ExecutorService printer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), Threads.factory("jobline-notices", false));

    /**
     * @param wanted     which ended entries to tell of (those an input left going)
     * @param printAbove prints a line above the prompt
     * @param afterEach  runs after each ended entry, told or not (the status line's refresh)
     */
    public Notices(Predicate<LiveEntry> wanted, Consumer<String> printAbove, Runnable afterEach) {
        this.wanted = wanted;
        this.printAbove = printAbove;
        this.afterEach = afterEach;
    }

    @Override
    public void started(LiveEntry entry) {
    }

    @Override
    public void ended(LiveEntry entry) {
        boolean tell = entry.parent() == null && wanted.test(entry);
        printer.execute(() -> {
            if (tell) {
                print(LiveText.ended(entry));
            }
            if (!paused) {
                afterEach.run();
            }
        });
    }

    private synchronized void print(String line) {
        if (paused) {
            held.add(line);
        } else {
            printAbove.accept(line);
        }
    }

    /** Holds notices back (a full-screen view is up) until {@link #resume()}. */
    public synchronized void pause() {
        paused = true;
    }

    /** Prints the notices held back, and prints again as they come. */
    public synchronized void resume() {
        paused = false;
        held.forEach(printAbove);
        held.clear();
        afterEach.run();
    }

    /** Prints what is queued, then stops. */
    @Override
    public void close() {
        printer.shutdown();
        try {
            printer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
