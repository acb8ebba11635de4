package io.jobline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.jobline.pipeline.Pipeline;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Case 4, in a JVM of its own with a small heap: streams n items from a lazy iterator through add1 then multi2
 * (2 threads), consuming each output as it comes, and prints one line: {@code SCALE items=… sum=… millis=…
 * peakHeapMB=… liveAfterGcMB=…}. Exits non-zero if the outputs are not all there.
 */
public final class ScaleChild {

    static final String PREFIX = "SCALE ";

    private ScaleChild() {
    }

    /** @param args {@code jobline|hand-written n} */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("jobline") || args[0].equals("hand-written"))) {
            System.err.println("usage: ScaleChild jobline|hand-written ITEMS");
            System.exit(2);
        }
        int n = Integer.parseInt(args[1]);
        AtomicLong liveAfterGc = watchCollections();
        long[] count = new long[1];
        long[] sum = new long[1];
        Iterator<Integer> input = IntStream.range(0, n).boxed().iterator();
        long start = System.nanoTime();
        if (args[0].equals("jobline")) {
            Pipeline pipeline = Pipeline.builder("scale").stage(Stages.ADD1).stage(Stages.MULTI2, Map.of("threads", 2))
                    .build();
            pipeline.each(input, out -> {
                count[0]++;
                sum[0] += (Integer) out;
            });
        } else {
            Iterable<Integer> once = () -> input;
            new HandWrittenPipeline(Stages.ADD1, Stages.MULTI2, 2).run(once, out -> {
                count[0]++;
                sum[0] += (Integer) out;
            });
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long expected = (long) n * (n + 1);
        if (count[0] != n || sum[0] != expected) {
            System.err.println("wrong outputs: " + count[0] + " summing to " + sum[0] + ", expected " + n
                    + " summing to " + expected);
            System.exit(1);
        }
        System.out.printf("%sitems=%d sum=%d millis=%d peakHeapMB=%.1f liveAfterGcMB=%.1f%n", PREFIX, count[0],
                sum[0], millis, peakHeap() / 1048576.0, liveAfterGc.get() / 1048576.0);
    }

    /** @return the sum of the heap pools' peak use: at most what the heap ever held, garbage included */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** @return the largest heap in use right after a collection so far: the live data, kept up to date */
    private static AtomicLong watchCollections() {
        AtomicLong max = new AtomicLong();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                max.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return max;
    }
}
