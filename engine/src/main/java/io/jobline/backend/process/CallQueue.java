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
        calls.addLast(task);
    }

    void addAll(List<ProcessTask> tasks) {
        calls.addAll(tasks);
    }

    /** Puts a call back at the head (a call of a worker that died): it starts before the others. */
    void addFirst(ProcessTask task) {
        calls.addFirst(task);
    }

    /** @return the first call not final yet, without taking it; null if none waits */
    ProcessTask peek() {
        ProcessTask head;
        while ((head = calls.peekFirst()) != null && head.isDone()) {
            calls.pollFirst();
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
            calls.pollFirst();
        }
        return head;
    }

    /** A call that waits here became final (cancelled): it is dropped lazily. */
    void discarded(ProcessTask task) {
        task.queuedWhenDone = true;
        dead++;
        if (dead >= COMPACT_AT_LEAST && dead > calls.size() / 2) {
            calls.removeIf(ProcessTask::isDone);
            dead = 0;
        }
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
            if (!task.isDone()) {
                live.add(task);
            }
        }
        calls.clear();
        dead = 0;
        return live;
    }
}
