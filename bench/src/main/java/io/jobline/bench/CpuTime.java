package io.jobline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

/**
 * CPU time used by this whole process and its live child processes (the process backend's workers): tells work
 * from waiting for a core when the machine is busy, and counts a worker's work as the work it is.
 */
final class CpuTime {

    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private CpuTime() {
    }

    /**
     * @return nanoseconds of CPU used so far by all threads of this JVM and by the descendant processes alive now,
     *         or -1 where the JVM cannot tell. A child that ends between two readings drops out of the second, so
     *         compare readings only across work that starts and ends no child (the harness's rounds reuse their
     *         workers).
     */
    static long process() {
        if (!(OS instanceof com.sun.management.OperatingSystemMXBean)) {
            return -1;
        }
        long own = ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime();
        return own < 0 ? -1 : own + children();
    }

    private static long children() {
        return ProcessHandle.current().descendants()
                .mapToLong(child -> child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }
}
