package io.jobline.executor;

import io.jobline.future.JobFuture;
import io.jobline.future.JobState;
import io.jobline.live.LiveRecord;
import io.jobline.util.Show;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor's calls as a report shows them, one work item per call (name, state, node, job and work ids, error):
 * kept only once a report asked the executor to record ({@link ExecutorLive#record()}), and only for the first
 * {@link #MAX} calls from then on, so a recorded executor holds at most that many futures.
 *
 * <p>Thread-safe: calls are added by submitting threads, read by the report's sampler; never blocks.
 */
final class CallLog implements LiveRecord {

    /** The most calls kept; the same bound as a report's work items. */
    static final int MAX = 5000;

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    private record Call(int number, JobFuture<?> future) {
    }

    /** Keeps the call's future if fewer than {@link #MAX} are kept. */
    void add(JobFuture<?> future) {
        int number = count.incrementAndGet();
        if (number <= MAX) {
            calls.add(new Call(number, future));
        }
    }

    @Override
    public List<Map<String, Object>> items(int max) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Call call : calls) {
            if (items.size() >= max) {
                break;
            }
            items.add(describe(call));
        }
        return items;
    }

    private static Map<String, Object> describe(Call call) {
        JobFuture<?> future = call.future();
        Map<String, Object> item = new LinkedHashMap<>();
        String name = future.getName();
        // Unique per call: the report keys work items by name.
        item.put("name", (name == null ? "call " : Show.text(name, 60) + " #") + call.number());
        JobState state = future.getState();
        item.put("state", state.name());
        item.put("node", future.getNode() == null ? null : Show.text(future.getNode(), 100));
        item.put("jobId", future.getJobId());
        item.put("workId", future.getWorkId());
        if (state == JobState.FAILED) {
            item.put("error", error(future));
        }
        return item;
    }

    /** The failure of a FAILED (so final) future: reading it does not block. */
    private static String error(JobFuture<?> future) {
        try {
            Throwable e = future.getException();
            return e == null ? null : Show.text(e.getClass().getSimpleName() + ": " + Show.message(e), 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
