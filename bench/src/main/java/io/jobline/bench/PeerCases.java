package io.jobline.bench;

import groovy.lang.Closure;
import io.jobline.pipeline.Pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;

/**
 * Case 10: Jobline against what its users would otherwise pick on the JVM, in the same interleaved rounds: GPars
 * dataflow operators for a pipeline, and GPars {@code collectParallel} and Java {@code parallelStream()} (on a
 * {@link ForkJoinPool} of the same size) for a CPU-bound map. Every round's result is checked.
 */
final class PeerCases {

    static final String NAME = "10. peers";
    /** Threads of the CPU-bound map, on every side. */
    private static final int THREADS = 2;

    private PeerCases() {
    }

    static List<Row> run(Harness harness, int pipelineItems, int cpuItems) throws Exception {
        Map<String, Closure<?>> gpars = Stages.closures("gpars.groovy");
        List<Row> rows = new ArrayList<>();
        rows.addAll(pipeline(harness, pipelineItems, gpars.get("dataflow")));
        rows.addAll(cpuMap(harness, cpuItems, gpars.get("collectParallel")));
        return rows;
    }

    /** add1 (1 thread) then multi2 (2 threads), Groovy closures on both sides, unordered. */
    private static List<Row> pipeline(Harness harness, int n, Closure<?> dataflow) throws Exception {
        List<Object> input = Stages.integers(n);
        Pipeline jobline = Pipeline.builder("peers")
                .stage(Stages.closure("add1")).stage(Stages.closure("multi2"), Map.of("threads", 2)).build();
        String gparsName = "GPars dataflow operators (add1, then multi2 with maxForks: 2), " + count(n) + " items";
        String joblineName = "jobline, the same pipeline of Groovy closures, " + count(n) + " items";
        List<Variant> variants = List.of(
                new Variant(gparsName, () -> checked(castList(dataflow.call(input)), n)),
                new Variant(joblineName, () -> checked(jobline.run(input), n)));
        Map<String, Summary> s = harness.throughput("case 10, pipeline, " + n + " items", variants);
        return List.of(
                Row.of(NAME, gparsName, s.get(gparsName)),
                Row.compared(NAME, joblineName, s.get(joblineName), gparsName, s.get(gparsName), Target.atLeast(1.0)));
    }

    /** A CPU-bound function over {@code n} items on {@link #THREADS} threads, results in input order on every side. */
    private static List<Row> cpuMap(Harness harness, int n, Closure<?> collectParallel) throws Exception {
        List<Object> input = Stages.integers(n);
        long expected = 0;
        for (Object x : input) {
            expected += (Integer) Stages.PRIMES.apply(x);
        }
        long sum = expected;
        Pipeline jobline = Pipeline.builder("peers-cpu").stage(Stages.PRIMES, Map.of("threads", THREADS)).build();
        Map<String, Object> keepOrder = Map.of("keepOrder", true);
        ForkJoinPool pool = new ForkJoinPool(THREADS);
        String streamName = "parallelStream() on a ForkJoinPool(2): CPU-bound map, " + count(n) + " items";
        String gparsName = "GPars withPool(2) { collectParallel }: the same map";
        String joblineName = "jobline, stage with threads: 2, keepOrder: the same map";
        List<Variant> variants = List.of(
                new Variant(streamName, () -> checkedSum(pool.submit(() -> input.parallelStream().map(Stages.PRIMES)
                        .collect(Collectors.toList())).get(), n, sum)),
                new Variant(gparsName, () -> checkedSum(castList(collectParallel.call(input, THREADS, Stages.PRIMES)),
                        n, sum)),
                new Variant(joblineName, () -> checkedSum(jobline.run(keepOrder, input), n, sum)));
        try {
            Map<String, Summary> s = harness.throughput("case 10, CPU-bound map, " + n + " items", variants);
            return List.of(
                    Row.of(NAME, streamName, s.get(streamName)),
                    Row.compared(NAME, gparsName, s.get(gparsName), streamName, s.get(streamName), null),
                    Row.compared(NAME, joblineName, s.get(joblineName), streamName, s.get(streamName),
                            Target.atLeast(0.9)),
                    Row.compared(NAME, joblineName + " (vs GPars)", s.get(joblineName), gparsName, s.get(gparsName),
                            Target.atLeast(0.9)));
        } finally {
            pool.shutdown();
        }
    }

    private static long checked(List<Object> outputs, int n) {
        Stages.checkAdd1Multi2(outputs, n, false);
        return n;
    }

    /** Checks size, order (each output is the function of its input) and the sum. */
    private static long checkedSum(List<?> outputs, int n, long expected) {
        if (outputs.size() != n) {
            throw new IllegalStateException("expected " + n + " outputs, got " + outputs.size());
        }
        long sum = 0;
        for (int i = 0; i < n; i += Math.max(1, n / 50)) {
            Object want = Stages.PRIMES.apply(i);
            if (!want.equals(outputs.get(i))) {
                throw new IllegalStateException("output " + i + " is " + outputs.get(i) + ", expected " + want);
            }
        }
        for (Object o : outputs) {
            sum += (Integer) o;
        }
        if (sum != expected) {
            throw new IllegalStateException("outputs sum to " + sum + ", expected " + expected);
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object list) {
        return (List<Object>) list;
    }

    private static String count(int n) {
        return String.format("%,d", n);
    }
}
