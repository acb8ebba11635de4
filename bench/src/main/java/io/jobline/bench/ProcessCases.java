package io.jobline.bench;

import io.jobline.executor.JobExecutor;
import io.jobline.future.JobFuture;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Case 6: the process backend (warm worker JVMs) against the thread backend in the same run. Round trip of one
 * trivial task to one warm worker; trivial-task throughput of {@code map} with {@code chunk: 1} and
 * {@code chunk: 100}; CPU-bound throughput on two workers as a ratio to two in-process threads; and cold start
 * (new backend to first result) against the start of a bare JVM; and Python's {@code multiprocessing.Pool} as a
 * peer ({@link PythonPeerCases}). Every executor is closed before the case returns,
 * which waits until its worker processes have ended.
 */
final class ProcessCases {

    static final String NAME = "6. process backend";
    static final int WORKERS = 2;
    /** The flags workers start with (ProcessOptions.BASE_FLAGS) that change start-up: the bare JVM gets them too. */
    private static final List<String> WORKER_START_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto");

    /** How much work each part of the case does. */
    static final class Sizes {
        final int roundTrips;
        final int items;
        final int cpuCalls;
        final int coldRounds;

        /**
         * @param roundTrips sequential submit+get calls per round, per variant
         * @param items      items per round of the {@code chunk: 1} maps (the {@code chunk: 100} maps get ten times
         *                   as many)
         * @param cpuCalls   CPU-heavy calls per round, per variant
         * @param coldRounds measured cold starts (one more is run first and discarded)
         */
        Sizes(int roundTrips, int items, int cpuCalls, int coldRounds) {
            this.roundTrips = roundTrips;
            this.items = items;
            this.cpuCalls = cpuCalls;
            this.coldRounds = coldRounds;
        }
    }

    private ProcessCases() {
    }

    static List<Row> run(Harness harness, Sizes sizes, PrintStream progress) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (JobExecutor thread = JobExecutor.create(Map.of("workers", 1));
             JobExecutor process = JobExecutor.create(Map.of("backend", "process", "workers", 1))) {
            rows.addAll(RoundTrips.run(harness, thread, process, sizes.roundTrips, progress));
        }
        try (JobExecutor threads = JobExecutor.create(Map.of("workers", WORKERS));
             JobExecutor processes = JobExecutor.create(Map.of("backend", "process", "workers", WORKERS))) {
            rows.addAll(trivialMaps(harness, threads, processes, sizes.items));
            rows.addAll(cpuBound(harness, threads, processes, sizes.cpuCalls));
            rows.addAll(PythonPeerCases.run(harness, processes, sizes.items, Math.max(1, sizes.cpuCalls / 2)));
        }
        rows.addAll(ColdStart.run(sizes.coldRounds, progress));
        return rows;
    }

    private static List<Row> trivialMaps(Harness harness, JobExecutor threads, JobExecutor processes, int items)
            throws Exception {
        List<Object> small = Stages.integers(items);
        List<Object> large = Stages.integers(items * 10);
        String thread1 = String.format("thread backend (workers: %d): map, chunk: 1, %,d items", WORKERS, items);
        String process1 = String.format("process backend (workers: %d): map, chunk: 1, %,d items", WORKERS, items);
        String thread100 = String.format("thread backend (workers: %d): map, chunk: 100, %,d items", WORKERS,
                large.size());
        String process100 = String.format("process backend (workers: %d): map, chunk: 100, %,d items", WORKERS,
                large.size());
        List<Variant> variants = List.of(
                new Variant(thread1, () -> incremented(threads, 1, small)),
                new Variant(process1, () -> incremented(processes, 1, small)),
                new Variant(thread100, () -> incremented(threads, 100, large)),
                new Variant(process100, () -> incremented(processes, 100, large)));
        Map<String, Summary> s = harness.atMost(2, 5).throughput("case 6, trivial map", variants);
        String note = "no target: shows what crossing to a process costs per task";
        return List.of(
                Row.of(NAME, thread1, s.get(thread1)),
                Row.compared(NAME, process1, s.get(process1), thread1, s.get(thread1), null).withNote(note),
                Row.of(NAME, thread100, s.get(thread100)),
                Row.compared(NAME, process100, s.get(process100), thread100, s.get(thread100), null).withNote(note));
    }

    /** Maps {@code x -> x + 1} over {@code input} and checks the results, in order. @return the items mapped */
    private static long incremented(JobExecutor executor, int chunk, List<Object> input) {
        Iterator<Object> results = executor.map(Map.of("chunk", chunk), ProcessFunctions.INCREMENT, input);
        int expected = 1;
        while (results.hasNext()) {
            Object result = results.next();
            if (!Integer.valueOf(expected).equals(result)) {
                throw new IllegalStateException("map result " + (expected - 1) + " is " + result + ", expected "
                        + expected);
            }
            expected++;
        }
        if (expected - 1 != input.size()) {
            throw new IllegalStateException("map gave " + (expected - 1) + " results for " + input.size() + " items");
        }
        return input.size();
    }

    private static List<Row> cpuBound(Harness harness, JobExecutor threads, JobExecutor processes, int calls)
            throws Exception {
        List<Object> blocks = Stages.integers(calls);
        String thread = String.format("thread backend (workers: %d): %d calls counting primes in %,d numbers",
                WORKERS, calls, ProcessFunctions.BLOCK);
        String process = String.format("process backend (workers: %d): the same %d calls", WORKERS, calls);
        // The first round's total is the answer every later round and the other variant must give.
        long[] expected = {-1};
        Variant.Body threadBody = () -> primes(threads, blocks, expected);
        Variant.Body processBody = () -> primes(processes, blocks, expected);
        // The warm-up rounds also warm the workers' JIT, so the measured rounds compare compiled code with compiled.
        Map<String, Summary> s = harness.atMost(2, 5).throughput("case 6, CPU-bound",
                List.of(new Variant(thread, threadBody), new Variant(process, processBody)));
        return List.of(
                Row.of(NAME, thread, s.get(thread)),
                Row.compared(NAME, process, s.get(process), thread, s.get(thread), Target.atLeast(0.85))
                        .withNote("items/s are calls/s"));
    }

    private static long primes(JobExecutor executor, List<Object> blocks, long[] expected) {
        long total = 0;
        Iterator<Object> counts = executor.map(ProcessFunctions.COUNT_PRIMES, blocks);
        while (counts.hasNext()) {
            total += (Integer) counts.next();
        }
        synchronized (expected) {
            if (expected[0] < 0) {
                expected[0] = total;
            } else if (expected[0] != total) {
                throw new IllegalStateException("counted " + total + " primes, another round counted " + expected[0]);
            }
        }
        return blocks.size();
    }

    /** @return the nearest-rank percentile of {@code sorted}, which is sorted and not empty */
    static double percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * Sequential submit+get of one trivial task to one worker, in interleaved rounds like {@link Harness}: each
     * round gives the median and the 99th percentile of its calls, summarised over the measured rounds.
     */
    private static final class RoundTrips {

        static List<Row> run(Harness harness, JobExecutor thread, JobExecutor process, int calls,
                             PrintStream progress) throws Exception {
            String threadName = String.format("thread backend (workers: 1): submit+get, %,d in a row", calls);
            String processName = String.format("process backend (workers: 1): submit+get, %,d in a row", calls);
            Map<String, JobExecutor> executors = new LinkedHashMap<>();
            executors.put(threadName, thread);
            executors.put(processName, process);
            Map<String, List<Double>> medians = new LinkedHashMap<>();
            Map<String, List<Double>> p99s = new LinkedHashMap<>();
            executors.keySet().forEach(name -> {
                medians.put(name, new ArrayList<>());
                p99s.put(name, new ArrayList<>());
            });
            List<String> names = new ArrayList<>(executors.keySet());
            long[] nanos = new long[calls];
            int total = harness.warmup() + harness.rounds();
            for (int round = 0; round < total; round++) {
                boolean measured = round >= harness.warmup();
                progress.printf("  case 6, round trip: %s round %d/%d%n", measured ? "measured" : "warm-up",
                        measured ? round - harness.warmup() + 1 : round + 1,
                        measured ? harness.rounds() : harness.warmup());
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((round + i) % names.size());
                    System.gc();
                    timeCalls(executors.get(name), nanos);
                    if (measured) {
                        Arrays.sort(nanos);
                        medians.get(name).add(percentile(nanos, 50) / 1e3);
                        p99s.get(name).add(percentile(nanos, 99) / 1e3);
                    }
                }
            }
            Summary threadMedian = new Summary(medians.get(threadName), "µs", false);
            Summary threadP99 = new Summary(p99s.get(threadName), "µs", false);
            String note = "ratio is time, lower is better; no target";
            return List.of(
                    Row.of(NAME, "round trip, median: " + threadName, threadMedian),
                    Row.compared(NAME, "round trip, median: " + processName,
                            new Summary(medians.get(processName), "µs", false),
                            "round trip, median: " + threadName, threadMedian, null).withNote(note),
                    Row.of(NAME, "round trip, p99: " + threadName, threadP99),
                    Row.compared(NAME, "round trip, p99: " + processName,
                            new Summary(p99s.get(processName), "µs", false),
                            "round trip, p99: " + threadName, threadP99, null).withNote(note));
        }

        /** Fills {@code nanos} with the time of each submit+get, one after the other, checking each result. */
        private static void timeCalls(JobExecutor executor, long[] nanos) throws Exception {
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                JobFuture<Object> future = executor.submit(ProcessFunctions.INCREMENT, i);
                Object result = future.get();
                nanos[i] = System.nanoTime() - start;
                if (!Integer.valueOf(i + 1).equals(result)) {
                    throw new IllegalStateException("submit+get of " + i + " gave " + result);
                }
            }
        }
    }

    /**
     * A new process backend's first result, timed from creating the executor to {@code get()} returning, against
     * the start and exit of a bare {@code java -version} with the workers' start-up flags: the difference is what
     * Jobline adds to starting a JVM. Closing (until the worker has exited) is timed too, but apart.
     */
    private static final class ColdStart {

        static List<Row> run(int rounds, PrintStream progress) throws Exception {
            List<String> bare = new ArrayList<>();
            bare.add(ChildJvm.java());
            bare.addAll(WORKER_START_FLAGS);
            bare.add("-version");
            String bareName = "bare JVM: java " + String.join(" ", WORKER_START_FLAGS) + " -version, start to exit";
            String coldName = "new process backend: create, first submit+get";
            String closeName = "closing it, until the worker has exited";
            List<Double> bareMillis = new ArrayList<>();
            List<Double> coldMillis = new ArrayList<>();
            List<Double> closeMillis = new ArrayList<>();
            // Round 0 is discarded: it warms the file cache and this JVM's own code for starting workers.
            for (int round = 0; round <= rounds; round++) {
                progress.printf("  case 6, cold start: %s%n", round == 0 ? "warm-up" : "round " + round + "/" + rounds);
                boolean bareFirst = round % 2 == 0;
                if (bareFirst) {
                    record(round, bareMillis, bare(bare));
                }
                long start = System.nanoTime();
                JobExecutor executor = JobExecutor.create(Map.of("backend", "process", "workers", 1));
                long closeStart;
                try {
                    Object result = executor.submit(ProcessFunctions.INCREMENT, 41).get();
                    closeStart = System.nanoTime();
                    if (!Integer.valueOf(42).equals(result)) {
                        throw new IllegalStateException("the first call gave " + result + ", expected 42");
                    }
                } finally {
                    executor.close();
                }
                long end = System.nanoTime();
                record(round, coldMillis, (closeStart - start) / 1e6);
                record(round, closeMillis, (end - closeStart) / 1e6);
                if (!bareFirst) {
                    record(round, bareMillis, bare(bare));
                }
            }
            Summary reference = new Summary(bareMillis, "ms", false);
            return List.of(
                    Row.of(NAME, bareName, reference),
                    Row.compared(NAME, coldName, new Summary(coldMillis, "ms", false), bareName, reference, null)
                            .withNote("ratio is time, lower is better; no target"),
                    Row.of(NAME, closeName, new Summary(closeMillis, "ms", false)));
        }

        private static double bare(List<String> command) throws Exception {
            ChildJvm.Result result = ChildJvm.run(command, null, 120);
            result.requireSuccess(command);
            return result.nanos / 1e6;
        }

        private static void record(int round, List<Double> values, double millis) {
            if (round > 0) {
                values.add(millis);
            }
        }
    }
}
