package io.jobline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** CPU time used by this whole process: tells work from waiting for a core when the machine is busy. */
final class CpuTime {

    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private CpuTime() {
    }

    /** @return nanoseconds of CPU used by all threads of this JVM so far, or -1 where the JVM cannot tell */
    static long process() {
        if (OS instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime();
        }
        return -1;
    }
}
