package io.jobline.backend.process;

import io.jobline.backend.Work;
import io.jobline.shipping.Shipping;

import java.util.Arrays;
import java.util.Map;

/**
 * Measures the process backend: cold start (backend created to first result), then round trips of a trivial call
 * to a warm worker. Not a spec; run by hand (see docs/readme/process-backend.md):
 * {@code java -cp engine/target/classes:engine/target/test-classes io.jobline.backend.process.StartupProbe [jvmArgs]}
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        String jvmArgs = String.join(" ", args);
        // The caller's own warm-up (loading the engine's and Groovy's classes) is not the worker's start-up.
        Shipping.pack(Work.of(new TestFunctions.Square(), new Object[] {1}, null).getTarget());
        long start = System.nanoTime();
        try (ProcessBackend backend = ProcessBackend.create(Map.of("workers", 1, "jvmArgs", jvmArgs))) {
            Work first = Work.of(new TestFunctions.Square(), new Object[] {1}, null);
            backend.check(first.getTarget(), "the probe");
            long packedMillis = (System.nanoTime() - start) / 1_000_000;
            backend.submit(first).get();
            long coldMillis = (System.nanoTime() - start) / 1_000_000;
            for (int i = 0; i < 2000; i++) {
                backend.submit(Work.of(new TestFunctions.Square(), new Object[] {i}, null)).get();
            }
            long[] micros = new long[2000];
            for (int i = 0; i < micros.length; i++) {
                long t = System.nanoTime();
                backend.submit(Work.of(new TestFunctions.Square(), new Object[] {i}, null)).get();
                micros[i] = (System.nanoTime() - t) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("jvmArgs=[%s] cold start %d ms (%d ms of it packing in the caller), round trip median"
                    + " %d us, p99 %d us%n", jvmArgs, coldMillis, packedMillis, micros[micros.length / 2], micros[micros.length * 99 / 100]);
        }
    }
}
