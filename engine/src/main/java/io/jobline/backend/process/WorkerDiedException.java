package io.jobline.backend.process;

import java.util.List;
import java.util.Map;

/**
 * The worker process running a call (or starting to) ended before the call did: it was killed, crashed, ran out of
 * memory or called {@code System.exit}. The message names the worker and its pid, says how it ended
 * ({@code killed by signal 9 (SIGKILL)}, {@code exited with code 3}) and quotes the last lines of its stderr.
 */
public class WorkerDiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 4, "SIGILL",
            6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    private final String worker;
    private final int exitCode;
    private final List<String> lastLines;

    /**
     * @param worker    the worker's name, {@code worker 2 (pid 4711)}
     * @param doing     what it was doing, for the message: {@code "while running work 'render'"}
     * @param exitCode  the process's exit value (128 + n for signal n)
     * @param lastLines the last lines of its stderr, oldest first
     */
    public WorkerDiedException(String worker, String doing, int exitCode, List<String> lastLines) {
        super(message(worker, doing, exitCode, lastLines));
        this.worker = worker;
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    /** @return the worker's name, {@code worker 2 (pid 4711)} */
    public String getWorker() {
        return worker;
    }

    /** @return the process's exit value; 128 + n when it was killed by signal n */
    public int getExitCode() {
        return exitCode;
    }

    /** @return the last lines of its stderr, oldest first */
    public List<String> getLastLines() {
        return lastLines;
    }

    /** @return how a process with this exit value ended: {@code killed by signal 9 (SIGKILL)}, {@code exited with code 3} */
    public static String howItEnded(int exitCode) {
        if (exitCode > 128 && exitCode < 128 + 32) {
            int signal = exitCode - 128;
            return "killed by signal " + signal + (SIGNALS.containsKey(signal) ? " (" + SIGNALS.get(signal) + ")" : "");
        }
        return "exited with code " + exitCode;
    }

    private static String message(String worker, String doing, int exitCode, List<String> lastLines) {
        StringBuilder text = new StringBuilder(worker).append(" died ").append(doing).append(": ")
                .append(howItEnded(exitCode));
        if (lastLines.isEmpty()) {
            return text.append(" (it wrote nothing to stderr)").toString();
        }
        text.append("; the last lines of its stderr:");
        for (String line : lastLines) {
            text.append("\n  ").append(line);
        }
        return text.toString();
    }
}
