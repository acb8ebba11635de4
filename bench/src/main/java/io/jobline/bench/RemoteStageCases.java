package io.jobline.bench;

import io.jobline.pipeline.Pipeline;

import java.util.List;
import java.util.Map;

/**
 * Case 7: pipeline stages on the process backend. A stage of {@code threads: 2} on two worker JVMs over trivial
 * items, each run from start to its last result (so what the run costs on top of the calls, such as starting or
 * reusing workers, counts), against the same stage on threads.
 */
final class RemoteStageCases {

    static final String NAME = "7. remote stages";

    private RemoteStageCases() {
    }

    /** @param items items per run */
    static List<Row> run(Harness harness, int items) throws Exception {
        List<Object> input = Stages.integers(items);
        Pipeline threads = Pipeline.builder("threads")
                .stage(ProcessFunctions.INCREMENT, Map.of("threads", 2)).build();
        Pipeline process = Pipeline.builder("process").options(Map.of("backend", "process", "workers", 2))
                .stage(ProcessFunctions.INCREMENT, Map.of("threads", 2)).build();
        String threadName = String.format("thread stage (threads: 2): x + 1 over %,d items, one run", items);
        String processName = "process stage (threads: 2, workers: 2): the same run";
        Map<String, Summary> s = harness.atMost(2, 5).throughput("case 7, process stage", List.of(
                new Variant(threadName, () -> incremented(threads, input)),
                new Variant(processName, () -> incremented(process, input))));
        return List.of(
                Row.of(NAME, threadName, s.get(threadName)),
                Row.compared(NAME, processName, s.get(processName), threadName, s.get(threadName), null)
                        .withNote("whole runs, worker start-up included when a run starts workers"));
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
