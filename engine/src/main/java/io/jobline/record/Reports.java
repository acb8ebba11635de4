package io.jobline.record;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Writing recordings as a report with the {@link ReportWriter} on the class path. */
public final class Reports {

    private Reports() {
    }

    /**
     * Writes a report of {@code recordings} to {@code file}.
     *
     * @param commandLine what ran, for the summary; {@code null} for this JVM's command
     * @throws IOException           if the file cannot be written
     * @throws IllegalStateException if no report writer is on the class path
     */
    public static void write(List<Recording> recordings, String commandLine, Path file) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Recording recording : recordings) {
            runs.add(recording.toMap());
        }
        writer().write(runs, about(commandLine), file);
    }

    /** @return the machine (host, cores, OS), Java's version and the command line, for a report's summary */
    public static Map<String, Object> about(String commandLine) {
        Map<String, Object> about = new LinkedHashMap<>();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            host = "unknown host";
        }
        about.put("host", host);
        about.put("cores", Runtime.getRuntime().availableProcessors());
        about.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        about.put("java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        about.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        about.put("commandLine", commandLine != null ? commandLine
                : System.getProperty("sun.java.command", "(unknown)"));
        about.put("written", java.time.Instant.now().toString());
        return about;
    }

    private static ReportWriter writer() {
        Iterator<ReportWriter> found = ServiceLoader.load(ReportWriter.class, Reports.class.getClassLoader()).iterator();
        if (!found.hasNext()) {
            found = ServiceLoader.load(ReportWriter.class).iterator();
        }
        if (!found.hasNext()) {
            throw new IllegalStateException("no report writer on the class path: add io.jobline:jobline-report "
                    + "(the jobline command has it)");
        }
        return found.next();
    }
}
