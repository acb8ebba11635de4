package io.jobline.shell;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;

import groovy.lang.Binding;
import groovy.lang.Script;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jobline} command: {@code jobline run SCRIPT [ARGS...]}, {@code jobline shell} (also plain {@code jobline}
 * on a terminal), {@code jobline --help}, {@code jobline --version}.
 *
 * <p>{@link #execute} runs one command line in this JVM and returns its exit code ({@link #OK}, {@link #FAILED},
 * {@link #USAGE}, {@link #INTERRUPTED}) instead of exiting, so tests and other programs can embed it; only
 * {@link #main} exits the JVM. Everything the command prints goes to the streams given to the constructor.
 *
 * <p>A subcommand whose work can be interrupted registers itself with {@link #begin} while it runs; Ctrl-C (in
 * {@link #main}) and {@link #interrupt()} reach it there.
 */
@Command(name = "jobline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declares and runs pipelines, executors and farm jobs written in Jobline's Groovy DSL.",
        subcommands = {RunCommand.class, GraphCommand.class, ShellCommand.class, FarmCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 the script failed, 2 usage or compile error, 3 out of memory, 130 interrupted"
                + " (Ctrl-C), 143 terminated (SIGTERM)."})
public final class Main implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** 128 + SIGINT, what shells expect from a program stopped by Ctrl-C. */
    public static final int INTERRUPTED = 130;

    /** How long Ctrl-C waits for the script to wind down before the JVM exits under it. */
    private static final long INTERRUPT_GRACE_MILLIS = 2000;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final AtomicBoolean ctrlCSeen = new AtomicBoolean();
    private volatile Interruptible active;
    private ClassLoader scriptParent = Main.class.getClassLoader();
    private Map<String, Object> variables = Map.of();

    @Spec
    private CommandSpec spec;

    /** A command whose output goes to {@code out} and {@code err}, never to a terminal (no live progress). */
    public Main(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    /** @param terminal whether {@code out} is an interactive terminal that can show live progress */
    public Main(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        ExitWatchdog.install();
        Main main = new Main(System.out, System.err, Tty.interactive());
        Runtime.getRuntime().addShutdownHook(new Thread(main::abort, "jobline-exit"));
        Interrupts.onCtrlC(main::ctrlC);
        int code = main.execute(args);
        System.out.flush();
        System.err.flush();
        ExitWatchdog.exitingWith(code);
        System.exit(code);
    }

    /**
     * Runs one command line.
     *
     * @return the exit code; never throws, an unexpected error is printed and gives {@link #FAILED}
     */
    public int execute(String... args) {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setStopAtPositional(true); // run's options end at SCRIPT: what follows is the script's
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler(UsageErrors::report);
        return commandLine.execute(args);
    }

    /** With no subcommand: the interactive shell on a terminal, else the help. */
    @Override
    public Integer call() {
        if (terminal) {
            return spec.commandLine().execute("shell");
        }
        spec.commandLine().usage(out);
        return OK;
    }

    /**
     * For build tools and applications that embed the command: scripts are compiled in a class loader whose parent
     * is {@code parent} (e.g. a build's project class path over Jobline's own), instead of Jobline's loader.
     * {@code parent} must see Jobline's classes. Returns this.
     */
    public Main scriptClassLoader(ClassLoader parent) {
        this.scriptParent = Objects.requireNonNull(parent, "parent");
        return this;
    }

    /** For embedders: variables every script this command runs has in its binding, besides {@code args}. Returns this. */
    public Main variables(Map<String, ?> variables) {
        this.variables = Map.copyOf(variables);
        return this;
    }

    /**
     * Compiles a subcommand's job script with {@code args} and the embedder's variables bound; compile errors go to
     * {@link #err()}, each with its file:line.
     *
     * @return the script, or {@code null} if it does not compile (the subcommand ends with {@link #USAGE})
     */
    Script compileScript(ScriptSource source, List<String> args) {
        Binding binding = new Binding(args.toArray(new String[0]));
        variables.forEach(binding::setVariable);
        try {
            return ScriptCompiler.compile(source, binding, scriptParent);
        } catch (MultipleCompilationErrorsException e) {
            ErrorReport.compileErrors(e, source.label(), source.text()).forEach(err()::println);
            return null;
        }
    }

    /** Asks the running subcommand, if any, to stop as Ctrl-C would. Returns at once. */
    public void interrupt() {
        Interruptible command = active;
        if (command != null) {
            command.interrupt();
        }
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean terminal() {
        return terminal;
    }

    /** Registers the running subcommand; {@link #end} unregisters it. */
    void begin(Interruptible command) {
        active = command;
    }

    void end(Interruptible command) {
        if (active == command) {
            active = null;
        }
    }

    /**
     * First Ctrl-C: interrupt the command and give it a moment to wind down (its runs are cancelled at once),
     * then exit with 130 whether or not the script noticed. A second Ctrl-C exits at once.
     */
    private void ctrlC() {
        if (!ctrlCSeen.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(INTERRUPTED);
        }
        ExitWatchdog.exitingWith(INTERRUPTED);
        Interruptible command = active;
        if (command != null) {
            command.interrupt();
            if (command.awaitEnd(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                return; // main() exits with the command's code
            }
        }
        System.exit(INTERRUPTED);
    }

    /** Runs at JVM exit: lets a command that did not finish (System.exit in a script, Ctrl-C) clean up. */
    private void abort() {
        Interruptible command = active;
        if (command != null) {
            command.abort();
        }
    }

    /** What {@link Main} needs from a subcommand that may be stopped from another thread. */
    interface Interruptible {

        /** Stops the work: cancels what runs and interrupts the thread doing it. Must not block. */
        void interrupt();

        /** @return whether the command ended within the timeout */
        boolean awaitEnd(long timeout, TimeUnit unit);

        /** {@link #awaitEnd} for a command that counts {@code ended} down when it ends. */
        static boolean await(CountDownLatch ended, long timeout, TimeUnit unit) {
            try {
                return ended.await(timeout, unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The JVM is exiting before the command ended: restore the terminal and write what must be written. */
        void abort();
    }
}
