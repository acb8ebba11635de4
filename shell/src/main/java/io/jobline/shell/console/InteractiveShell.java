package io.jobline.shell.console;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveRegistry;
import io.jobline.live.LiveSubscription;
import io.jobline.live.StatsSampler;
import io.jobline.shell.commands.Commands;
import io.jobline.shell.repl.Evaluator;
import io.jobline.shell.views.AboveOutput;
import io.jobline.shell.views.Notices;
import io.jobline.shell.views.StatusLine;

/**
 * The shell on a terminal: JLine editing (history in a file, Ctrl-R, highlighting, completion, continuation lines
 * for unfinished Groovy, bracketed paste), each input evaluated on its own thread while this one takes Ctrl-C.
 *
 * <p>While it runs, {@code System.out} and {@code System.err} print above the prompt when the prompt is up; a status
 * line under the prompt shows what is live; when something an input left going ends, one line says so above the
 * prompt. Ctrl-C at the prompt clears the line; during an input it stops that input (and what it started). Ctrl-D on
 * an empty line, or {@code :exit}, ends the shell, asking first when something is live.
 */
public final class InteractiveShell {

    static final String PROMPT = "jobline> ";
    static final String CONTINUATION = "    ...> ";

    private final Terminal terminal;
    private final ShellReader reader;
    private final ShellSession session;
    private final PrintWriter out;
    private final LiveRegistry scope;
    private final StatusLine status;
    private final Notices notices;

    /**
     * @param terminal    the terminal to read and draw on (the caller closes it)
     * @param historyFile where the history is kept across sessions
     * @param scope       the session's live scope (the caller closes it)
     */
    public InteractiveShell(Terminal terminal, Path historyFile, Evaluator evaluator, LiveRegistry scope,
                            boolean stacktrace) {
        this.terminal = terminal;
        this.scope = scope;
        this.out = terminal.writer();
        Map<String, Object> variables = new HashMap<>();
        variables.put(LineReader.HISTORY_FILE, historyFile);
        variables.put(LineReader.HISTORY_FILE_SIZE, 10_000);
        variables.put(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION);
        // No automatic indentation: JLine would take spaces out before a typed '}' (even inside a string).
        variables.put(LineReader.INDENTATION, 0);
        variables.put(LineReader.BLINK_MATCHING_PAREN, 0L);
        this.reader = new ShellReader(terminal, variables);
        Commands commands = Commands.standard();
        this.session = new ShellSession(evaluator, commands, scope, out, out, terminal, reader::getHistory,
                stacktrace);
        reader.setParser(new GroovyLineParser());
        reader.setHighlighter(new GroovyHighlighter());
        reader.setCompleter(new ShellCompleter(commands, session, evaluator));
        reader.setHistory(new DefaultHistory(reader));
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION); // '!' is Groovy's not, never history expansion
        reader.setOpt(LineReader.Option.AUTO_FRESH_LINE);
        reader.unsetOpt(LineReader.Option.INSERT_TAB);
        this.status = new StatusLine(terminal, scope, StatsSampler.global(), reader::drawLocked);
        this.notices = new Notices(session.runner()::wasLeftLive, reader::printAbove, this::afterEnd);
        session.onFullScreen(this::fullScreen);
    }

    /** @return the session, to evaluate an {@code --init} script before {@link #run()} */
    public ShellSession session() {
        return session;
    }

    /** @return the status line (what it says, for specs) */
    public StatusLine status() {
        return status;
    }

    /**
     * Reads and evaluates input until Ctrl-D or {@code :exit}.
     *
     * @return the exit code: 0
     */
    public int run() {
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        Charset charset = terminal.encoding();
        PrintStream above = new PrintStream(new AboveOutput(reader, out, charset), true, charset);
        System.setOut(above);
        System.setErr(above);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());
        LiveSubscription sampling = StatsSampler.global().subscribe(scope, status::refresh);
        AutoCloseable listening = scope.addListener(notices);
        try {
            out.println("Jobline shell: Groovy with the Jobline DSL. :help for commands, Ctrl-D to exit.");
            out.flush();
            loop();
        } finally {
            close(listening);
            sampling.close();
            notices.close();
            status.close();
            terminal.handle(Terminal.Signal.INT, previous);
            System.setOut(systemOut);
            System.setErr(systemErr);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                out.println("jobline: cannot save the history: " + e.getMessage());
            }
            out.flush();
        }
        return 0;
    }

    private void loop() {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped, a new prompt comes
            } catch (EndOfFileException e) {
                if (confirmExit()) {
                    return;
                }
                continue;
            }
            session.take(line);
            if (session.exitRequested()) {
                if (confirmExit()) {
                    return;
                }
                session.stayOpen();
            }
        }
    }

    /** @return whether to exit: yes when nothing is live, else the user's answer */
    private boolean confirmExit() {
        List<LiveEntry> live = scope.live();
        long count = live.stream().filter(entry -> entry.parent() == null).count();
        if (count == 0) {
            return true;
        }
        try {
            String answer = reader.readLine(count + (count == 1 ? " job is" : " jobs are")
                    + " live (:jobs lists them). Exit and cancel " + (count == 1 ? "it" : "them") + "? [y/N] ");
            return answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
        } catch (UserInterruptException | EndOfFileException e) {
            return e instanceof EndOfFileException; // a second Ctrl-D means it
        }
    }

    private void afterEnd() {
        session.runner().closeIdleScopes();
        status.refresh();
    }

    private void fullScreen(Runnable view) {
        notices.pause();
        status.pause(); // the sampler keeps calling refresh(): it must not draw into the view
        try {
            view.run();
        } finally {
            status.resume();
            notices.resume();
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // removing a listener does not fail
        }
    }
}
