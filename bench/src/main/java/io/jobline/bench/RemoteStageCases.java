package io.jobline.bench;

import io.jobline.backend.BackendScope;
import io.jobline.pipeline.Pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Case 7: pipeline stages on the process backend. A stage of {@code threads: 2} on two worker JVMs over trivial
 * items, each run from start to its last result (so what the run costs on top of the calls, such as starting or
 * reusing workers, counts), against the same stage on threads; and the latency of a small run that starts its
 * workers against the next one, which finds them warm (shared backends, {@link BackendScope}).
 */
final class RemoteStageCases {

    static final String NAME = "7. remote stages";

    private RemoteStageCases() {
    }

    /** @param items items per run */
    static List<Row> run(Harness harness, int items, PrintStream progress) throws Exception {
        List<Row> rows = new ArrayList<>(throughput(harness, items));
        rows.addAll(secondRun(harness, progress));
        return rows;
    }

    private static List<Row> throughput(Harness harness, int items) throws Exception {
        List<Object> input = Stages.integers(items);
        Pipeline threads = Pipeline.builder("threads")
                .stage(ProcessFunctions.INCREMENT, Map.of("threads", 2)).build();
        Pipeline process = Pipeline.builder("process").options(Map.of("backend", "process", "workers", 2))
                .stage(ProcessFunctions.INCREMENT, Map.of("threads", 2)).build();
        String threadName = String.format("thread stage (threads: 2): x + 1 over %,d items, one run", items);
        String processName = "process stage (threads: 2, workers: 2): the same run";
        Map<String, Summary> s = harness.atMost(3, 5).throughput("case 7, process stage", List.of(
                new Variant(threadName, () -> incremented(threads, input)),
                new Variant(processName, () -> incremented(process, input))));
        return List.of(
                Row.of(NAME, threadName, s.get(threadName)),
                Row.compared(NAME, processName, s.get(processName), threadName, s.get(threadName), null)
                        .withNote("whole runs, worker start-up included when a run starts workers"));
    }

    /**
     * A run of 10 items on a process stage right after the idle shared backends were closed (it starts its two
     * workers), then the same run again (it reuses them), in every round; the idle workers are closed at the end.
     */
    private static List<Row> secondRun(Harness harness, PrintStream progress) {
        List<Object> input = Stages.integers(10);
        Pipeline process = Pipeline.builder("small").options(Map.of("backend", "process", "workers", 2))
                .stage(ProcessFunctions.INCREMENT, Map.of("threads", 2)).build();
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        int rounds = Math.min(harness.rounds(), 5);
        try {
            for (int round = -1; round < rounds; round++) {
                progress.printf("  case 7, second run: %s%n", round < 0 ? "warm-up" : "round " + (round + 1) + "/" + rounds);
                BackendScope.shared().closeIdle();
                long start = System.nanoTime();
                incremented(process, input);
                long middle = System.nanoTime();
                incremented(process, input);
                long end = System.nanoTime();
                if (round >= 0) {
                    first.add((middle - start) / 1e6);
                    second.add((end - middle) / 1e6);
                }
            }
        } finally {
            BackendScope.shared().closeIdle();
        }
        String firstName = "process stage, 10 items: a run that starts its 2 workers";
        String secondName = "the next run of it: the same workers, warm";
        Summary reference = new Summary(first, "ms", false);
        return List.of(
                Row.of(NAME, firstName, reference),
                Row.compared(NAME, secondName, new Summary(second, "ms", false), firstName, reference, null)
                        .withNote("ratio is time, lower is better; no target"));
    }

    /** Runs {@code pipeline} unordered over {@code input} and checks every item came out incremented. */
    private static long incremented(Pipeline pipeline, List<Object> input) {
        List<Object> out = pipeline.run(input);
        if (out.size() != input.size()) {
            throw new IllegalStateException(pipeline.getName() + " gave " + out.size() + " results for "
                    + input.size() + " items");
        }
        long sum = 0;
        for (Object result : out) {
            sum += (Integer) result;
        }
        long expected = (long) input.size() * (input.size() + 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException(pipeline.getName() + " results sum to " + sum + ", expected " + expected);
        }
        return input.size();
    }
}
