package io.jobline.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jobline.live.LiveRegistry;
import io.jobline.record.Recorder;
import io.jobline.record.Recording;
import io.jobline.record.Reports;
import io.jobline.record.TraceWriter;

/**
 * {@code jobline run --report FILE}, {@code --report-dir DIR}, {@code --trace FILE}: records what the script starts
 * in its scope and, at the end, writes one report of every run to FILE, or as each thing ends its own report into
 * DIR ({@code <id>-<name>.html}), and the trace lines as they come. Nothing is recorded without one of the options.
 */
final class RunReports {

    private final Recorder recorder;
    private final TraceWriter trace;
    private final Path file;
    private final String commandLine;

    private RunReports(LiveRegistry scope, Path file, Path dir, TraceWriter trace, String commandLine, PrintStream err) {
        this.file = file;
        this.trace = trace;
        this.commandLine = commandLine;
        this.recorder = new Recorder(scope, dir == null ? null : recording -> writeInto(dir, recording, err), trace);
    }

    /**
     * @return the recording of the script's scope, or {@code null} when no option asks for one
     * @throws IOException if the trace file or the report directory cannot be created
     */
    static RunReports open(LiveRegistry scope, Path file, Path dir, Path traceFile, String commandLine,
                           PrintStream err) throws IOException {
        if (file == null && dir == null && traceFile == null) {
            return null;
        }
        if (dir != null) {
            Files.createDirectories(dir);
        }
        TraceWriter trace = traceFile == null ? null : new TraceWriter(traceFile);
        return new RunReports(scope, file, dir, trace, commandLine, err);
    }

    /** Stops recording and writes the report file and the trace. @return whether everything was written */
    boolean close(PrintStream err) {
        recorder.close();
        boolean ok = true;
        if (file != null) {
            try {
                Reports.write(recorder.recordings(), commandLine, file);
                err.println("jobline: report written to " + file);
            } catch (IOException | RuntimeException e) {
                err.println("jobline: cannot write the report to " + file + ": " + e.getMessage());
                ok = false;
            }
        }
        if (trace != null) {
            try {
                trace.close();
            } catch (IOException e) {
                err.println("jobline: cannot write the trace: " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    private void writeInto(Path dir, Recording recording, PrintStream err) {
        String name = recording.id() + "-" + recording.name().replaceAll("[^A-Za-z0-9._-]+", "_") + ".html";
        Path target = dir.resolve(name);
        try {
            Reports.write(List.of(recording), commandLine, target);
        } catch (IOException | RuntimeException e) {
            err.println("jobline: cannot write the report to " + target + ": " + e.getMessage());
        }
    }
}
