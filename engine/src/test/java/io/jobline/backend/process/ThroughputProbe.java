package io.jobline.backend.process;

import io.jobline.backend.Backend;
import io.jobline.backend.Work;
import io.jobline.backend.thread.ThreadBackend;
import io.jobline.function.JobFunction;
import io.jobline.future.JobFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU-bound throughput on 2 warm workers as a ratio to 2 threads of this JVM. Not a spec; run by hand:
 * {@code java -cp ... io.jobline.backend.process.ThroughputProbe [jvmArgs]}
 */
public final class ThroughputProbe {

    private ThroughputProbe() {
    }

    /** (n) → a checksum of n rounds of integer mixing: pure CPU, no allocation */
    public static final class Burn implements JobFunction {
        @Override
        public Object call(Object... args) {
            long n = ((Number) args[0]).longValue();
            long x = 0x9E3779B97F4A7C15L;
            for (long i = 0; i < n; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            return x;
        }
    }

    public static void main(String[] args) throws Exception {
        String jvmArgs = String.join(" ", args);
        try (Backend threads = new ThreadBackend(2, false);
             Backend processes = ProcessBackend.create(Map.of("workers", 2, "jvmArgs", jvmArgs))) {
            run(threads, 20);
            run(processes, 20);
            for (int round = 0; round < 3; round++) {
                double t = run(threads, 40);
                double p = run(processes, 40);
                System.out.printf("jvmArgs=[%s] threads %.0f ms, processes %.0f ms, ratio %.2f%n", jvmArgs, t, p, t / p);
            }
        }
    }

    private static double run(Backend backend, int calls) throws Exception {
        long start = System.nanoTime();
        List<JobFuture<Object>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(backend.submit(Work.of(new Burn(), new Object[] {100_000_000L}, null)));
        }
        for (JobFuture<Object> future : futures) {
            future.get();
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
