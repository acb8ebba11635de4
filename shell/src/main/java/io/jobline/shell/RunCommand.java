package io.jobline.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.codehaus.groovy.runtime.StackTraceUtils;

import groovy.lang.Script;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jobline run SCRIPT [ARGS...]}: compiles a job script with the DSL and runs it on this thread.
 *
 * <p>Exit codes: {@link Main#OK}; {@link Main#FAILED} when the script throws (one {@code file:line: message} line,
 * or the whole trace with {@code --stacktrace}); {@link Main#USAGE} for a missing script or compile errors (one
 * {@code file:line:column: message} line each); {@link Main#INTERRUPTED} after {@link #interrupt()} (Ctrl-C),
 * which cancels what is live in the script's scope (pipeline runs, executors, pools) and interrupts the script's
 * thread.
 *
 * <p>Everything after SCRIPT belongs to the script ({@code args} there), options included.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs a job script. Everything after SCRIPT is passed to the script as args.",
        footer = {"", "Exit codes: 0 ok, 1 the script failed, 2 usage or compile error, 3 out of memory, 130 interrupted"
                + " (Ctrl-C), 143 terminated (SIGTERM)."})
final class RunCommand implements Callable<Integer>, Main.Interruptible {

    @ParentCommand
    private Main main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT",
            description = "The job script: a Groovy file, or - to read it from standard input.")
    private String script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the script: args[0], args[1]...")
    private List<String> args = new ArrayList<>();

    @Option(names = "-e", paramLabel = "EXPR",
            description = "Run EXPR as the script, as groovy -e does; then every positional argument goes to args.")
    private String expression;

    @Option(names = "--stats", paramLabel = "FILE",
            description = "At the end, write the final stats of every pipeline run the script started to FILE, "
                    + "as a JSON array.")
    private Path statsFile;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Record every run the script starts (charts, worker timeline, errors, graph) and write "
                    + "one self-contained HTML report of them to FILE at the end.")
    private Path reportFile;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Record every run and write each one's HTML report into DIR as it ends (ID-NAME.html).")
    private Path reportDir;

    @Option(names = "--trace", paramLabel = "FILE.jsonl",
            description = "Write one JSON line per sampled stage tick (10/s), per finished work item and per "
                    + "start and end of each run to FILE.")
    private Path traceFile;

    @Option(names = "--stacktrace", description = "Print the full stack trace of a failure.")
    private boolean stacktrace;

    @Option(names = "--no-progress",
            description = "No live progress, even on a terminal: one summary line per finished pipeline run "
                    + "on stderr, as off a terminal.")
    private boolean noProgress;

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean interrupted;
    private volatile Thread scriptThread;
    private volatile ScriptSession session;
    private volatile RunReports reports;
    private boolean finished;

    @Override
    public Integer call() {
        main.begin(this);
        try {
            return run();
        } finally {
            main.end(this);
            ended.countDown();
        }
    }

    private int run() {
        PrintStream err = main.err();
        ScriptSource source;
        List<String> scriptArgs = new ArrayList<>(args);
        try {
            if (expression != null) {
                if (script != null) {
                    scriptArgs.add(0, script); // with -e there is no SCRIPT: every positional is the script's
                }
                source = ScriptSource.expression(expression);
            } else if (script == null) {
                err.println("jobline run: name a SCRIPT (a .groovy file, or - for standard input), or give -e EXPR;"
                        + " see 'jobline run --help'");
                return Main.USAGE;
            } else if ("-".equals(script)) {
                source = ScriptSource.stdin(System.in);
            } else {
                source = ScriptSource.file(script);
            }
        } catch (ScriptSource.Unreadable e) {
            err.println("jobline: " + e.getMessage());
            return Main.USAGE;
        }
        Script compiled = main.compileScript(source, scriptArgs);
        if (compiled == null) {
            return Main.USAGE;
        }

        if (interrupted) {
            return Main.INTERRUPTED;
        }
        ScriptSession opened = ScriptSession.open(main.out(), err, main.terminal() && !noProgress, statsFile != null);
        session = opened;
        try {
            reports = RunReports.open(opened.scope(), reportFile, reportDir, traceFile, commandLine(), err);
        } catch (IOException e) {
            err.println("jobline: cannot record the run: " + e);
            opened.close();
            return Main.USAGE;
        }
        compiled.getBinding().setVariable("out", opened.out());
        Throwable failure = execute(compiled);
        int code = finish();
        if (interrupted) {
            err.println("jobline: interrupted");
            return Main.INTERRUPTED;
        }
        if (failure != null) {
            report(failure, source.sourceName(), source.label(), err);
            return Main.FAILED;
        }
        return code;
    }

    /**
     * Runs the script on this thread, then, as {@code groovy} does, waits for the non-daemon threads it started
     * (Jobline's own threads are daemons). Interrupting this thread ({@link #interrupt()}) ends either wait.
     *
     * @return what the script threw, or null
     */
    private Throwable execute(Script compiled) {
        Thread thread = Thread.currentThread();
        ClassLoader loader = thread.getContextClassLoader();
        thread.setContextClassLoader(compiled.getClass().getClassLoader());
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        scriptThread = thread;
        try {
            session.scope().callIn(compiled::run);
            awaitThreadsStartedSince(before);
            return null;
        } catch (InterruptedException e) {
            return null; // interrupted while waiting for the script's threads: run() reports the interrupt
        } catch (Throwable t) {
            return t;
        } finally {
            scriptThread = null;
            Thread.interrupted(); // an interrupt meant for the script must not reach the clean-up
            thread.setContextClassLoader(loader);
        }
    }

    /** Joins every live non-daemon thread not in {@code before}, until none is left (they may start others). */
    private static void awaitThreadsStartedSince(Set<Thread> before) throws InterruptedException {
        while (true) {
            Thread waitFor = null;
            for (Thread candidate : Thread.getAllStackTraces().keySet()) {
                if (!candidate.isDaemon() && candidate.isAlive() && candidate != Thread.currentThread()
                        && !before.contains(candidate)) {
                    waitFor = candidate;
                    break;
                }
            }
            if (waitFor == null) {
                return;
            }
            waitFor.join();
        }
    }

    /**
     * Closes the session (summaries, progress cleared) and writes {@code --stats}, once; the first caller, the
     * script's thread or the JVM's exit, does it.
     *
     * @return {@link Main#FAILED} if the stats could not be written, else {@link Main#OK}
     */
    private synchronized int finish() {
        ScriptSession opened = session;
        if (finished || opened == null) {
            return Main.OK;
        }
        finished = true;
        List<Map<String, Object>> stats = opened.close();
        RunReports recorded = reports;
        if (recorded != null && !recorded.close(main.err())) {
            return Main.FAILED;
        }
        if (statsFile == null) {
            return Main.OK;
        }
        try {
            StatsFile.write(statsFile, stats);
            return Main.OK;
        } catch (IOException e) {
            main.err().println("jobline: cannot write stats to " + statsFile + ": " + e);
            return Main.FAILED;
        }
    }

    /** @return the command line as typed, as near as we know it, for the report's summary */
    private String commandLine() {
        List<String> words = new ArrayList<>(List.of("jobline", "run"));
        if (reportFile != null) {
            words.add("--report " + reportFile);
        }
        if (reportDir != null) {
            words.add("--report-dir " + reportDir);
        }
        if (traceFile != null) {
            words.add("--trace " + traceFile);
        }
        words.add(expression != null ? "-e '" + expression + "'" : String.valueOf(script));
        words.addAll(args);
        return String.join(" ", words);
    }

    private void report(Throwable failure, String sourceName, String label, PrintStream err) {
        if (stacktrace) {
            StackTraceUtils.deepSanitize(failure).printStackTrace(err);
        } else {
            ErrorReport.failure(failure, sourceName, label).forEach(err::println);
        }
    }

    @Override
    public void interrupt() {
        interrupted = true;
        ScriptSession opened = session;
        if (opened != null) {
            opened.cancelRuns();
        }
        Thread thread = scriptThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean awaitEnd(long timeout, TimeUnit unit) {
        return Main.Interruptible.await(ended, timeout, unit);
    }

    @Override
    public void abort() {
        finish();
    }

}
