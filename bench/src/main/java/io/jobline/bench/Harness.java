package io.jobline.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs variants in interleaved rounds: every round runs each variant once, in an order rotated from round to round,
 * so that drift in the machine (other load, JIT, heap growth) touches every variant alike. The first
 * {@code warmup} rounds are thrown away; the heap is collected before each measured run so that one variant's
 * garbage is not another's pause.
 */
final class Harness {

    private final int warmup;
    private final int rounds;
    private final PrintStream progress;

    /**
     * @param warmup   rounds run and discarded, at least 0
     * @param rounds   rounds measured, at least 1
     * @param progress where to say what is running (the table goes elsewhere)
     */
    Harness(int warmup, int rounds, PrintStream progress) {
        if (warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and rounds >= 1, got warmup " + warmup
                    + ", rounds " + rounds);
        }
        this.warmup = warmup;
        this.rounds = rounds;
        this.progress = progress;
    }

    int warmup() {
        return warmup;
    }

    int rounds() {
        return rounds;
    }

    /** @return a harness with at most this many rounds, for cases whose every round takes seconds */
    Harness atMost(int maxWarmup, int maxRounds) {
        return new Harness(Math.min(warmup, maxWarmup), Math.min(rounds, maxRounds), progress);
    }

    /** @return items/s per variant, in the order given */
    Map<String, Summary> throughput(String title, List<Variant> variants) throws Exception {
        return measure(title, variants, true);
    }

    /** @return microseconds per item (task) per variant, in the order given */
    Map<String, Summary> costPerItem(String title, List<Variant> variants) throws Exception {
        return measure(title, variants, false);
    }

    private Map<String, Summary> measure(String title, List<Variant> variants, boolean throughput) throws Exception {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        variants.forEach(v -> {
            values.put(v.name, new ArrayList<>());
            cpu.put(v.name, new ArrayList<>());
        });
        int total = warmup + rounds;
        for (int round = 0; round < total; round++) {
            boolean measured = round >= warmup;
            progress.printf("  %s: %s round %d/%d%n", title, measured ? "measured" : "warm-up",
                    measured ? round - warmup + 1 : round + 1, measured ? rounds : warmup);
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((round + i) % variants.size());
                System.gc();
                long cpuStart = CpuTime.process();
                long start = System.nanoTime();
                long items = variant.body.run();
                long nanos = System.nanoTime() - start;
                long cpuNanos = CpuTime.process() - cpuStart;
                if (measured) {
                    values.get(variant.name).add(throughput ? items * 1e9 / nanos : nanos / 1e3 / items);
                    if (cpuNanos >= 0) {
                        cpu.get(variant.name).add((double) cpuNanos / items);
                    }
                }
            }
        }
        Map<String, Summary> summaries = new LinkedHashMap<>();
        values.forEach((name, v) -> summaries.put(name, new Summary(v, throughput ? "items/s" : "µs each",
                throughput, cpu.get(name))));
        return summaries;
    }
}
