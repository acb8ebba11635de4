package io.jobline.backend.process;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Prints what workers write (stdout, stderr, stray text) on one daemon printer thread of this JVM, so that a
 * stalled {@code System.out} or {@code System.err} (a terminal scrolled back, a full pipe) never holds up the reader
 * threads that deliver results: they only put lines in a bounded buffer.
 *
 * <p><b>Bounded, dropping.</b> At most {@link #CAPACITY} lines wait; while the buffer is full, further lines are
 * dropped and counted, and once the printer has caught up it prints one line to {@code System.err} saying how many
 * were lost. Results are never dropped and never wait for a full buffer.
 *
 * <p><b>Order.</b> Lines print in the order they were put. A reader calls {@link #awaitPrinted()} before it delivers a
 * result, so that a call's output shows before the caller sees the call end; it waits at most {@link #STALL_WAIT}.
 * A wait that runs out marks the printer stalled, and until it has caught up nobody waits: a stalled terminal costs
 * one such wait, not one per result. The stream is the one {@code System.out} or {@code System.err} was when the line
 * was put.
 */
final class WorkerOutput {

    static final int CAPACITY = 10_000;
    static final Duration STALL_WAIT = Duration.ofSeconds(2);
    static final WorkerOutput SHARED = new WorkerOutput();

    private record Line(PrintStream to, String text) {
    }

    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    /** Lines accepted and lines printed since the start; guarded by this. */
    private long accepted;
    private long printed;
    private long dropped;
    private boolean stalled;
    private Thread printer;

    /** Puts a line to print to {@code to}; drops it (counted) if {@link #CAPACITY} lines wait. Never blocks. */
    synchronized void print(PrintStream to, String text) {
        if (lines.size() >= CAPACITY) {
            dropped++;
            return;
        }
        lines.addLast(new Line(to, text));
        accepted++;
        if (printer == null) {
            printer = new Thread(this::printLines, "jobline-worker-output");
            printer.setDaemon(true);
            printer.start();
        }
        notifyAll();
    }

    /** Waits until the lines put so far are printed, at most {@link #STALL_WAIT}, and not at all while stalled. */
    synchronized void awaitPrinted() throws InterruptedException {
        long target = accepted;
        if (stalled || printed >= target) {
            return;
        }
        long deadline = System.nanoTime() + STALL_WAIT.toNanos();
        while (printed < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stalled = true;
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void printLines() {
        while (true) {
            Line line;
            long lost = 0;
            synchronized (this) {
                while (lines.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // A daemon that lives as long as the JVM: nothing to stop.
                    }
                }
                line = lines.pollFirst();
            }
            try {
                line.to().println(line.text());
            } catch (RuntimeException e) {
                // A broken stream loses this line, not the printer.
            }
            synchronized (this) {
                printed++;
                if (lines.isEmpty()) {
                    stalled = false;
                    lost = dropped;
                    dropped = 0;
                }
                notifyAll();
            }
            if (lost > 0) {
                System.err.println("[jobline] " + lost + " lines of worker output were dropped: the output did not"
                        + " keep up");
            }
        }
    }
}
