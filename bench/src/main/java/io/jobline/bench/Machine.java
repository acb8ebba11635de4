package io.jobline.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the numbers were measured on: cores, CPU model, JDK, heap and collector, JVM flags. */
final class Machine {

    private Machine() {
    }

    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("cores (nproc): " + Runtime.getRuntime().availableProcessors());
        lines.add("CPU: " + cpuModel());
        lines.add("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        List<String> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        lines.add("heap: max " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, collectors "
                + String.join(", ", collectors));
        lines.add("load average when the run ended (1, 5, 15 min): " + loadAverage());
        lines.add("JVM flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return lines;
    }

    /** @return /proc/loadavg's first three fields: other work on the machine skews every number */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** @return the "model name" line of /proc/cpuinfo, or what the JVM knows where there is none */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through to what the JVM says.
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }
}
