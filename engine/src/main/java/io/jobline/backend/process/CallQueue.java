package io.jobline.backend.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls of a {@link ProcessBackend} waiting for a worker, in the order they start. Cancelling a waiting call is
 * O(1): it stays in the deque, is skipped when it reaches the head, and the deque is compacted once the cancelled
 * calls outnumber the live ones, so a cancelled call is never kept long and a cancel of n calls costs O(n) in all
 * (removing each from an {@code ArrayDeque} cost O(n) per call: a 10,000-item batch was quadratic).
 *
 * <p>Not thread-safe: guarded by the backend's lock, like everything the {@link Dispatcher} holds.
 */
final class CallQueue {

    /** Below this many cancelled calls the deque is never compacted: a scan would cost more than it frees. */
    private static final int COMPACT_AT_LEAST = 64;

    private final ArrayDeque<ProcessTask> calls = new ArrayDeque<>();
    /** Calls in {@link #calls} that were cancelled (or otherwise completed) while they waited. */
    private int dead;

    void addLast(ProcessTask task) {
        task.queued = true;
        calls.addLast(task);
    }

    void addAll(List<ProcessTask> tasks) {
        tasks.forEach(task -> task.queued = true);
        calls.addAll(tasks);
    }

    /** Puts a call back at the head (a call of a worker that died): it starts before the others. */
    void addFirst(ProcessTask task) {
        task.queued = true;
        calls.addFirst(task);
    }

    /** @return the first call not final yet, without taking it; null if none waits */
    ProcessTask peek() {
        ProcessTask head;
        while ((head = calls.peekFirst()) != null && head.isDone()) {
            takeHead();
            if (head.queuedWhenDone) {
                dead--;
            }
        }
        return head;
    }

    /** Takes the call {@link #peek()} returned. */
    ProcessTask poll() {
        ProcessTask head = peek();
        if (head != null) {
            takeHead();
        }
        return head;
    }

    /**
     * A call became final (cancelled, timed out): if it waits here, it is dropped lazily. Counted only if it waits
     * here and was not counted yet: its cancel may reach here after {@link #peek} dropped it (cancel marks it final
     * before its hook takes the lock), or when it was not here at all (a timeout racing its result); counted
     * anyway, {@link #size} would under-report and the backend start no worker for a call that waits.
     */
    void discarded(ProcessTask task) {
        if (!task.queued || task.queuedWhenDone) {
            return;
        }
        task.queuedWhenDone = true;
        dead++;
        if (dead >= COMPACT_AT_LEAST && dead > calls.size() / 2) {
            calls.removeIf(call -> {
                boolean drop = call.isDone();
                if (drop) {
                    call.queued = false;
                }
                return drop;
            });
            dead = 0;
        }
    }

    private void takeHead() {
        calls.pollFirst().queued = false;
    }

    /** @return how many calls wait that are not final */
    int size() {
        return Math.max(0, calls.size() - dead);
    }

    boolean isEmpty() {
        return peek() == null;
    }

    /** Takes every waiting call out; the ones not final, in order. */
    List<ProcessTask> drain() {
        List<ProcessTask> live = new ArrayList<>(size());
        for (ProcessTask task : calls) {
            task.queued = false;
            if (!task.isDone()) {
                live.add(task);
            }
        }
        calls.clear();
        dead = 0;
        return live;
    }
}
