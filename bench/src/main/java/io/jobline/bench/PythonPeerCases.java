package io.jobline.bench;

import groovy.lang.Closure;
import io.jobline.dsl.JoblineDsl;
import io.jobline.executor.JobExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Case 6's peer rows: the process backend against Python's {@code multiprocessing.Pool} ({@link PythonPeer}) in the
 * same run, both with {@value ProcessCases#WORKERS} warm workers. A trivial map as a new user writes it (a Groovy
 * closure over {@code 0..<n}, from a script the DSL compiled, {@code process-map.groovy}) at {@code chunk: 1} and
 * {@code chunk: 100} against {@code Pool.map} at {@code chunksize=1} and {@code 100}; and the speed-up of CPU-bound
 * calls on the workers over the same calls in a plain loop in the caller, on each side. Skipped, with a row saying
 * so, when {@code python3} is not on the machine.
 */
final class PythonPeerCases {

    private PythonPeerCases() {
    }

    /**
     * @param processes an executor on the process backend with {@value ProcessCases#WORKERS} workers
     * @param items     items per round of the {@code chunk: 1} maps (the {@code chunk: 100} maps get ten times as many)
     * @param cpuCalls  CPU-bound calls per round
     */
    static List<Row> run(Harness harness, JobExecutor processes, int items, int cpuCalls) throws Exception {
        String unavailable = PythonPeer.unavailable();
        if (unavailable != null) {
            return List.of(Row.skipped(ProcessCases.NAME, "python3 multiprocessing.Pool peer", unavailable));
        }
        List<Row> rows = new ArrayList<>();
        try (PythonPeer python = PythonPeer.start(ProcessCases.WORKERS)) {
            rows.addAll(trivialMaps(harness, processes, python, items));
            rows.addAll(speedUps(harness, processes, python, cpuCalls));
        }
        return rows;
    }

    private static List<Row> trivialMaps(Harness harness, JobExecutor processes, PythonPeer python, int items)
            throws Exception {
        Closure<?> userMap = userMap();
        int w = ProcessCases.WORKERS;
        String python1 = String.format("python3 multiprocessing.Pool(%d).map(x + 1, range(n), chunksize=1), %,d items",
                w, items);
        String jobline1 = String.format("process backend (workers: %d): ex.map({ it + 1 }, 0..<n, chunk: 1), %,d items",
                w, items);
        String python100 = String.format("python3 Pool(%d).map, chunksize=100, %,d items", w, items * 10);
        String jobline100 = String.format("process backend (workers: %d): the same map, chunk: 100, %,d items", w,
                items * 10);
        Map<String, Summary> s = harness.atMost(2, 5).throughput("case 6, against Python", List.of(
                new Variant(python1, () -> python.map(items, 1)),
                new Variant(jobline1, () -> mapped(userMap, processes, items, 1)),
                new Variant(python100, () -> python.map(items * 10, 100)),
                new Variant(jobline100, () -> mapped(userMap, processes, items * 10, 100))));
        return List.of(
                Row.of(ProcessCases.NAME, python1, s.get(python1)),
                Row.compared(ProcessCases.NAME, jobline1, s.get(jobline1), python1, s.get(python1),
                        Target.atLeast(1.0)).withNote("a Groovy closure, as a job script has it"),
                Row.of(ProcessCases.NAME, python100, s.get(python100)),
                Row.compared(ProcessCases.NAME, jobline100, s.get(jobline100), python100, s.get(python100),
                        Target.atLeast(1.0)));
    }

    /** Runs process-map.groovy's body and checks that the results are 1..n in order. @return n */
    private static long mapped(Closure<?> userMap, JobExecutor executor, int n, int chunk) {
        List<?> results = (List<?>) userMap.call(executor, n, chunk);
        if (results.size() != n) {
            throw new IllegalStateException("map gave " + results.size() + " results for " + n + " items");
        }
        Iterator<?> it = results.iterator();
        for (int expected = 1; it.hasNext(); expected++) {
            Object result = it.next();
            if (!Integer.valueOf(expected).equals(result)) {
                throw new IllegalStateException("map result " + (expected - 1) + " is " + result + ", expected "
                        + expected);
            }
        }
        return n;
    }

    /** CPU-bound calls on the workers against a plain loop in the caller, for Python and for Jobline. */
    private static List<Row> speedUps(Harness harness, JobExecutor processes, PythonPeer python, int calls)
            throws Exception {
        int w = ProcessCases.WORKERS;
        String pythonLoop = String.format("python3: %d blocks counting primes, a plain loop", calls);
        String pythonPool = String.format("python3: the same blocks on Pool(%d).map, chunksize=1", w);
        String joblineLoop = String.format("jobline: %d blocks counting primes, a plain loop in the caller", calls);
        String joblinePool = String.format("jobline: the same blocks on the process backend (workers: %d)", w);
        long[] pythonTotal = {-1};
        long[] joblineTotal = {-1};
        List<Object> blocks = Stages.integers(calls);
        Map<String, Summary> s = harness.atMost(1, 5).throughput("case 6, CPU-bound speed-up against Python", List.of(
                new Variant(pythonLoop, () -> pythonPrimes(python, calls, false, pythonTotal)),
                new Variant(pythonPool, () -> pythonPrimes(python, calls, true, pythonTotal)),
                new Variant(joblineLoop, () -> joblinePrimes(null, blocks, joblineTotal)),
                new Variant(joblinePool, () -> joblinePrimes(processes, blocks, joblineTotal))));
        String note = "speed-up on " + w + " workers; items/s are calls/s; the two sides count different blocks";
        return List.of(
                Row.of(ProcessCases.NAME, pythonLoop, s.get(pythonLoop)),
                Row.compared(ProcessCases.NAME, pythonPool, s.get(pythonPool), pythonLoop, s.get(pythonLoop), null)
                        .withNote(note),
                Row.of(ProcessCases.NAME, joblineLoop, s.get(joblineLoop)),
                Row.compared(ProcessCases.NAME, joblinePool, s.get(joblinePool), joblineLoop, s.get(joblineLoop),
                        null).withNote(note));
    }

    private static long pythonPrimes(PythonPeer python, int calls, boolean pooled, long[] total) throws IOException {
        total[0] = python.primes(calls, pooled, total[0]);
        return calls;
    }

    /** On {@code executor}'s workers, or in this thread when it is null; checked against the other rounds. */
    private static long joblinePrimes(JobExecutor executor, List<Object> blocks, long[] total) throws Exception {
        long sum = 0;
        if (executor == null) {
            for (Object block : blocks) {
                sum += (Integer) ProcessFunctions.COUNT_PRIMES.call(block);
            }
        } else {
            for (Iterator<Object> counts = executor.map(ProcessFunctions.COUNT_PRIMES, blocks); counts.hasNext(); ) {
                sum += (Integer) counts.next();
            }
        }
        if (total[0] >= 0 && total[0] != sum) {
            throw new IllegalStateException("counted " + sum + " primes, another round counted " + total[0]);
        }
        total[0] = sum;
        return blocks.size();
    }

    /** @return the body of process-map.groovy, compiled by the DSL's shell as a job script is */
    private static Closure<?> userMap() throws IOException {
        try (InputStream in = PythonPeerCases.class.getResourceAsStream("process-map.groovy")) {
            if (in == null) {
                throw new IllegalStateException("process-map.groovy is missing from the bench class path");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (Closure<?>) JoblineDsl.newShell().evaluate(source, "process-map.groovy");
        }
    }
}
