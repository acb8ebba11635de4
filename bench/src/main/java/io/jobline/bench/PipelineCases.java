package io.jobline.bench;

import io.jobline.pipeline.Pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cases 1 and 2: items through {@code add1} (1 thread) then a second stage (2 threads) then collected, against the
 * hand-written baseline of the same shape, all measured in the same interleaved rounds.
 */
final class PipelineCases {

    static final String THROUGHPUT = "1. pipeline throughput";
    static final String STAGE_KINDS = "2. dispatcher and fanOut";

    private static final Map<String, Object> TWO_THREADS = Map.of("threads", 2);
    private static final Map<String, Object> KEEP_ORDER = Map.of("keepOrder", true);
    /** Records the run for a report (10 samples/s, busy lanes) without writing one: what a report costs a run. */
    private static final Map<String, Object> RECORDED = Map.of("report", true);

    private PipelineCases() {
    }

    /** Case 1: Java and Groovy stages, unordered and keepOrder, against the hand-written baseline. */
    static List<Row> throughput(Harness harness, int n) throws Exception {
        List<Object> input = Stages.integers(n);
        HandWrittenPipeline handWritten = new HandWrittenPipeline(Stages.ADD1, Stages.MULTI2, 2);
        Pipeline java = Pipeline.builder("java").stage(Stages.ADD1).stage(Stages.MULTI2, TWO_THREADS).build();

        String baseline = "hand-written, ArrayBlockingQueue(1024)";
        String javaUnordered = "jobline, Java Function stages";
        String javaOrdered = "jobline, Java Function stages, keepOrder";
        String javaRecorded = "jobline, Java Function stages, recorded for a report";
        String groovyUnordered = "jobline, Groovy closure stages";
        String groovyOrdered = "jobline, Groovy closure stages, keepOrder";

        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(baseline, () -> checked(handWritten.run(input), n, false)));
        variants.add(new Variant(javaUnordered, () -> checked(java.run(input), n, false)));
        variants.add(new Variant(javaOrdered, () -> checked(java.run(KEEP_ORDER, input), n, true)));
        variants.add(new Variant(javaRecorded, () -> checked(java.run(RECORDED, input), n, false)));
        String noClosures = Stages.closuresUnsupported();
        if (noClosures == null) {
            Pipeline groovy = Pipeline.builder("groovy")
                    .stage(Stages.closure("add1")).stage(Stages.closure("multi2"), TWO_THREADS).build();
            variants.add(new Variant(groovyUnordered, () -> checked(groovy.run(input), n, false)));
            variants.add(new Variant(groovyOrdered, () -> checked(groovy.run(KEEP_ORDER, input), n, true)));
        }

        Map<String, Summary> s = harness.throughput("case 1, " + n + " items", variants);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(THROUGHPUT, baseline, s.get(baseline)));
        rows.add(Row.compared(THROUGHPUT, javaUnordered, s.get(javaUnordered), baseline, s.get(baseline),
                Target.atLeast(3.0)));
        rows.add(Row.compared(THROUGHPUT, javaOrdered, s.get(javaOrdered), javaUnordered, s.get(javaUnordered),
                Target.atLeast(0.9)));
        rows.add(Row.compared(THROUGHPUT, javaRecorded, s.get(javaRecorded), javaUnordered, s.get(javaUnordered),
                Target.atLeast(0.95)));
        if (noClosures == null) {
            rows.add(Row.compared(THROUGHPUT, groovyUnordered, s.get(groovyUnordered), javaUnordered,
                    s.get(javaUnordered), Target.atLeast(0.8)));
            rows.add(Row.compared(THROUGHPUT, groovyOrdered, s.get(groovyOrdered), javaOrdered, s.get(javaOrdered),
                    Target.atLeast(0.8)));
        } else {
            rows.add(Row.skipped(THROUGHPUT, groovyUnordered, noClosures));
            rows.add(Row.skipped(THROUGHPUT, groovyOrdered, noClosures));
        }
        return rows;
    }

    /** Case 2: the second stage as a dispatcher ({@code by:}) and as a fan-out stage, against the plain stage. */
    static List<Row> stageKinds(Harness harness, int n) throws Exception {
        List<Object> input = Stages.integers(n);
        Pipeline plain = Pipeline.builder("plain").stage(Stages.ADD1).stage(Stages.MULTI2, TWO_THREADS).build();
        Pipeline dispatcher = Pipeline.builder("dispatcher").stage(Stages.ADD1)
                .stage(Stages.MULTI2, Map.of("threads", 2, "by", Stages.KEY16)).build();
        Pipeline fanOut = Pipeline.builder("fanOut").stage(Stages.ADD1)
                .stage(Stages.PAIR, Map.of("threads", 2, "fanOut", true)).build();

        String plainName = "plain stage, threads: 2";
        String byName = "by: { it % 16 }, threads: 2 (ordered)";
        String fanOutName = "fanOut: true, threads: 2, 2 outputs per item";
        long pairSum = 2L * n * (n + 1) + n;

        List<Variant> variants = List.of(
                new Variant(plainName, () -> checked(plain.run(input), n, false)),
                new Variant(byName, () -> checked(dispatcher.run(input), n, true)),
                new Variant(fanOutName, () -> {
                    List<Object> out = fanOut.run(input);
                    long sum = 0;
                    for (Object o : out) {
                        sum += (Integer) o;
                    }
                    if (out.size() != 2 * n || sum != pairSum) {
                        throw new IllegalStateException("fanOut: expected " + 2 * n + " outputs summing to " + pairSum
                                + ", got " + out.size() + " summing to " + sum);
                    }
                    return n;
                }));
        Map<String, Summary> s = harness.throughput("case 2, " + n + " items", variants);
        return List.of(
                Row.of(STAGE_KINDS, plainName, s.get(plainName)),
                Row.compared(STAGE_KINDS, byName, s.get(byName), plainName, s.get(plainName), Target.atLeast(0.8)),
                Row.compared(STAGE_KINDS, fanOutName, s.get(fanOutName), plainName, s.get(plainName), null)
                        .withNote("items/s counts inputs"));
    }

    private static long checked(List<Object> outputs, int n, boolean ordered) {
        Stages.checkAdd1Multi2(outputs, n, ordered);
        return n;
    }
}
