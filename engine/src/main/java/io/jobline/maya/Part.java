package io.jobline.maya;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One work item of a Maya job as a {@link Runner} runs it: a range {@code start … end} (frames, or item indices),
 * the id, node and log the runner reports, and {@link #done}, which the runner completes (normally when the command
 * exited 0, exceptionally with why it failed, cancelled). Thread-safe.
 */
final class Part {

    final int start;
    final int end;
    /** Completed by the runner; never by anyone else. */
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final List<Runnable> whenRunning = new ArrayList<>();
    private boolean running;
    volatile String jobId;
    volatile String workId;
    volatile Supplier<String> node = () -> "";
    volatile Supplier<List<String>> logTail = List::of;
    volatile BooleanSupplier canceller = () -> false;

    Part(int start, int end) {
        this.start = start;
        this.end = end;
    }

    /** Runs {@code action} when the runner reports the part running (at once if it has); must not block. */
    void onRunning(Runnable action) {
        synchronized (whenRunning) {
            if (!running) {
                whenRunning.add(action);
                return;
            }
        }
        action.run();
    }

    /** Called by the runner, once the work item runs. */
    void running() {
        List<Runnable> actions;
        synchronized (whenRunning) {
            if (running) {
                return;
            }
            running = true;
            actions = new ArrayList<>(whenRunning);
            whenRunning.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** Asks the runner to stop it (never blocks). @return whether it was stopped now */
    boolean cancel() {
        return canceller.getAsBoolean();
    }

    /** @return {@code frames 1-10}, {@code frame 7} */
    String label(String unit) {
        return start == end ? unit + " " + start : unit + "s " + start + "-" + end;
    }

    /** @return where its log file is, and its last lines (for messages) */
    List<String> log() {
        return logTail.get();
    }

}
