package io.jobline.bench;

import io.jobline.executor.JobExecutor;
import io.jobline.future.JobFuture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Case 3: the executor on the thread backend against a raw {@link ThreadPoolExecutor} of the same size, both made
 * once and reused across rounds (steady state). Submits then gets of a trivial task, and a lazy, input-ordered map
 * against a hand-written sliding window of futures with the same look-ahead.
 */
final class ExecutorCases {

    static final String NAME = "3. executor";
    static final int WORKERS = 2;
    /** JobExecutor.map's default look-ahead: twice the backend's parallelism. */
    static final int LOOKAHEAD = 2 * WORKERS;

    private ExecutorCases() {
    }

    static List<Row> run(Harness harness, int tasks, int items) throws Exception {
        ThreadPoolExecutor raw = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());
        try (JobExecutor jobline = JobExecutor.create(Map.of("workers", WORKERS))) {
            List<Row> rows = new ArrayList<>(submits(harness, raw, jobline, tasks));
            rows.addAll(maps(harness, raw, jobline, items));
            return rows;
        } finally {
            raw.shutdown();
        }
    }

    private static List<Row> submits(Harness harness, ThreadPoolExecutor raw, JobExecutor jobline, int tasks)
            throws Exception {
        String rawName = String.format("ThreadPoolExecutor(%d): %,d submits, then gets", WORKERS, tasks);
        String joblineName = String.format("JobExecutor(workers: %d): %,d submits, then gets", WORKERS, tasks);
        long expected = (long) tasks * (tasks + 1) / 2;
        List<Variant> variants = List.of(
                new Variant(rawName, () -> {
                    List<Future<Object>> futures = new ArrayList<>(tasks);
                    for (int i = 0; i < tasks; i++) {
                        Integer item = i;
                        futures.add(raw.submit(() -> Stages.ADD1.apply(item)));
                    }
                    long sum = 0;
                    for (Future<Object> f : futures) {
                        sum += (Integer) f.get();
                    }
                    return checked(sum, expected, tasks);
                }),
                new Variant(joblineName, () -> {
                    List<JobFuture<Object>> futures = new ArrayList<>(tasks);
                    for (int i = 0; i < tasks; i++) {
                        futures.add(jobline.submit(Stages.ADD1, i));
                    }
                    long sum = 0;
                    for (JobFuture<Object> f : futures) {
                        sum += (Integer) f.get();
                    }
                    return checked(sum, expected, tasks);
                }));
        Map<String, Summary> s = harness.costPerItem("case 3, submits", variants);
        return List.of(
                Row.of(NAME, rawName, s.get(rawName)),
                Row.compared(NAME, joblineName, s.get(joblineName), rawName, s.get(rawName), Target.atMost(1.2))
                        .withNote("ratio is cost per task, lower is better"));
    }

    private static List<Row> maps(Harness harness, ThreadPoolExecutor raw, JobExecutor jobline, int items)
            throws Exception {
        List<Object> input = Stages.integers(items);
        long expected = (long) items * (items + 1) / 2;
        String rawName = String.format("ThreadPoolExecutor(%d): ordered sliding window of %d futures, %,d items",
                WORKERS, LOOKAHEAD, items);
        String joblineName = String.format("JobExecutor.map, %,d items (look-ahead %d)", items, LOOKAHEAD);
        String chunkedName = String.format("JobExecutor.map, chunk: 1000, %,d items", items);
        List<Variant> variants = List.of(
                new Variant(rawName, () -> {
                    ArrayDeque<Future<Object>> window = new ArrayDeque<>();
                    Iterator<Object> it = input.iterator();
                    long sum = 0;
                    while (it.hasNext() || !window.isEmpty()) {
                        while (it.hasNext() && window.size() < LOOKAHEAD) {
                            Object item = it.next();
                            window.add(raw.submit(() -> Stages.ADD1.apply(item)));
                        }
                        sum += (Integer) window.poll().get();
                    }
                    return checked(sum, expected, items);
                }),
                new Variant(joblineName, () -> checked(sum(jobline.map(Stages.ADD1, input)), expected, items)),
                new Variant(chunkedName, () -> checked(sum(jobline.map(Map.of("chunk", 1000), Stages.ADD1, input)),
                        expected, items)));
        Map<String, Summary> s = harness.atMost(1, 3).costPerItem("case 3, map", variants);
        return List.of(
                Row.of(NAME, rawName, s.get(rawName)),
                Row.compared(NAME, joblineName, s.get(joblineName), rawName, s.get(rawName), Target.atMost(1.2))
                        .withNote("ratio is cost per item, lower is better"),
                Row.compared(NAME, chunkedName, s.get(chunkedName), rawName, s.get(rawName), null)
                        .withNote("ratio is cost per item, lower is better"));
    }

    private static long sum(Iterator<?> results) {
        long sum = 0;
        while (results.hasNext()) {
            sum += (Integer) results.next();
        }
        return sum;
    }

    private static long checked(long sum, long expected, int n) {
        if (sum != expected) {
            throw new IllegalStateException("results sum to " + sum + ", expected " + expected);
        }
        return n;
    }
}
