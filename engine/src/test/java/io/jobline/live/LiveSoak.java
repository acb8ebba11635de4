package io.jobline.live;

import io.jobline.pipeline.Pipeline;
import io.jobline.pipeline.PipelineBuilder;
import io.jobline.pipeline.Run;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;

/**
 * A child JVM for {@code LiveMemorySpec}: many short pipeline runs next to one run that stays live all along, as in a
 * shell open for a day. Prints {@code heap <runs> <bytes>} lines (heap used after full collections) and {@code ok}.
 *
 * <p>{@code heap RUNS STAGES}: measures after {@code RUNS / 5} runs (by then the registry keeps as many finished
 * runs as it ever will) and after all of them. {@code runs RUNS STAGES}: only runs them (for a small {@code -Xmx}).
 */
public final class LiveSoak {

    private LiveSoak() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int runs = Integer.parseInt(args[1]);
        int stages = Integer.parseInt(args[2]);
        Pipeline longLived = Pipeline.builder("long-lived").stage((Function<Object, Object>) x -> x).build();
        Run live = longLived.start();
        Pipeline tiny = tiny(stages);
        int warm = runs / 5;
        for (int i = 1; i <= runs; i++) {
            List<Object> out = tiny.run(List.of(1, 2, 3));
            if (out.size() != 3) {
                throw new AssertionError("run " + i + " gave " + out);
            }
            if (mode.equals("heap") && (i == warm || i == runs)) {
                System.out.println("heap " + i + " " + usedAfterGc());
            }
        }
        if (!live.getState().equals(io.jobline.pipeline.RunState.RUNNING)) {
            throw new AssertionError("the long-lived run ended: " + live);
        }
        int kept = LiveRegistry.global().list().size();
        System.out.println("kept " + kept);
        live.cancel();
        System.out.println("ok");
    }

    private static Pipeline tiny(int stages) {
        PipelineBuilder builder = Pipeline.builder("tiny");
        for (int i = 0; i < stages; i++) {
            builder.stage((Function<Object, Object>) x -> x);
        }
        return builder.build();
    }

    /** System.gc() is a full, synchronous collection on the JDK's collectors; repeated until the figure settles. */
    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
