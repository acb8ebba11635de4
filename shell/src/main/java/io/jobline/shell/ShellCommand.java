package io.jobline.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.jobline.live.LiveRegistry;
import io.jobline.live.LiveSubscription;
import io.jobline.live.StatsSampler;
import io.jobline.shell.commands.Commands;
import io.jobline.shell.console.InteractiveShell;
import io.jobline.shell.console.ScriptedShell;
import io.jobline.shell.console.ShellSession;
import io.jobline.shell.repl.Evaluation;
import io.jobline.shell.repl.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jobline shell}: the interactive shell on a terminal; off a terminal ({@code jobline shell < session.groovy})
 * it evaluates standard input as typed input and exits 1 if an input failed. {@code jobline} with no arguments on a
 * terminal opens it too.
 */
@Command(name = "shell",
        mixinStandardHelpOptions = true,
        description = {"Opens the interactive shell: Groovy with the Jobline DSL, and commands (:help) to watch, "
                + "resize and cancel what runs.",
                "With standard input not a terminal, evaluates it input by input, printing values."},
        footer = {"", "Exit codes: 0 ok, 1 an input failed (off a terminal), 2 usage error or --init failed."})
final class ShellCommand implements Callable<Integer>, Main.Interruptible {

    @ParentCommand
    private Main main;

    @Option(names = "--init", paramLabel = "SCRIPT", description = "Evaluate SCRIPT first, as :load does.")
    private Path init;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Where to keep the input history (default: $JOBLINE_HOME/history, JOBLINE_HOME "
                    + "defaulting to ~/.jobline).")
    private Path historyFile;

    @Option(names = "--stacktrace", description = "Print the full stack trace of each failure.")
    private boolean stacktrace;

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile ShellSession session;

    @Override
    public Integer call() throws IOException {
        main.begin(this);
        try {
            return main.terminal() ? interactive() : scripted();
        } finally {
            main.end(this);
            ended.countDown();
        }
    }

    private int interactive() throws IOException {
        Path history = historyFile != null ? historyFile : defaultHistory();
        Files.createDirectories(history.toAbsolutePath().getParent());
        // JLine takes SIGINT while the shell runs: Ctrl-C stops an input, never the shell.
        try (Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build();
                LiveRegistry scope = LiveRegistry.global().openScope("session", "shell")) {
            InteractiveShell shell = new InteractiveShell(terminal, history, new Evaluator(), scope, stacktrace);
            session = shell.session();
            if (!initialized()) {
                return Main.USAGE;
            }
            return shell.run();
        }
    }

    private int scripted() throws IOException {
        Charset charset = Tty.stdoutCharset();
        PrintWriter out = new PrintWriter(main.out(), true);
        PrintWriter err = new PrintWriter(main.err(), true);
        try (LiveRegistry scope = LiveRegistry.global().openScope("session", "shell");
                LiveSubscription sampling = StatsSampler.global().subscribe(scope, null)) {
            ShellSession scripted = new ShellSession(new Evaluator(), Commands.standard(), scope, out, err, null,
                    () -> null, stacktrace);
            session = scripted;
            if (!initialized()) {
                return Main.USAGE;
            }
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, charset));
            return new ScriptedShell(scripted, err).run(input) ? Main.OK : Main.FAILED;
        }
    }

    /** @return whether the {@code --init} script, if any, was evaluated without error */
    private boolean initialized() {
        if (init == null) {
            return true;
        }
        if (!Files.isRegularFile(init)) {
            main.err().println("jobline: no such init script: " + init);
            return false;
        }
        Evaluation evaluation = session.load(init);
        return evaluation != null && !evaluation.failed();
    }

    /** @return {@code $JOBLINE_HOME/history}, JOBLINE_HOME defaulting to {@code ~/.jobline} */
    static Path defaultHistory() {
        String home = System.getenv("JOBLINE_HOME");
        Path dir = home != null && !home.isEmpty() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".jobline");
        return dir.resolve("history");
    }

    @Override
    public void interrupt() {
        ShellSession current = session;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean awaitEnd(long timeout, TimeUnit unit) {
        return Main.Interruptible.await(ended, timeout, unit);
    }

    @Override
    public void abort() {
        // The terminal is restored by JLine's own shutdown hook; live runs end with the JVM.
    }
}
