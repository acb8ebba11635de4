package io.jobline.shell.console;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

import io.jobline.shell.commands.Commands;
import io.jobline.shell.repl.Evaluator;
import io.jobline.shell.views.AboveOutput;

/**
 * The shell on a terminal: JLine editing (history in a file, Ctrl-R, highlighting, completion, continuation lines
 * for unfinished Groovy, bracketed paste), each input evaluated on its own thread while this one takes Ctrl-C.
 *
 * <p>While it runs, {@code System.out} and {@code System.err} print above the prompt when the prompt is up. Ctrl-C
 * at the prompt clears the line; during an input it stops that input. Ctrl-D on an empty line (or {@code :exit})
 * ends the shell.
 */
public final class InteractiveShell {

    static final String PROMPT = "jobline> ";
    static final String CONTINUATION = "    ...> ";

    private final Terminal terminal;
    private final ShellReader reader;
    private final ShellSession session;
    private final PrintWriter out;

    /**
     * @param terminal    the terminal to read and draw on (the caller closes it)
     * @param historyFile where the history is kept across sessions
     */
    public InteractiveShell(Terminal terminal, Path historyFile, Evaluator evaluator, boolean stacktrace) {
        this.terminal = terminal;
        this.out = terminal.writer();
        Map<String, Object> variables = new HashMap<>();
        variables.put(LineReader.HISTORY_FILE, historyFile);
        variables.put(LineReader.HISTORY_FILE_SIZE, 10_000);
        variables.put(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION);
        variables.put(LineReader.INDENTATION, 4);
        this.reader = new ShellReader(terminal, variables);
        Commands commands = Commands.standard();
        this.session = new ShellSession(evaluator, commands, out, out, terminal, reader::getHistory, stacktrace);
        reader.setParser(new GroovyLineParser());
        reader.setHighlighter(new GroovyHighlighter());
        reader.setCompleter(new ShellCompleter(commands, session, evaluator));
        reader.setHistory(new DefaultHistory(reader));
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION); // '!' is Groovy's not, never history expansion
        reader.setOpt(LineReader.Option.AUTO_FRESH_LINE);
        reader.unsetOpt(LineReader.Option.INSERT_TAB);
    }

    /** @return the session, to evaluate an {@code --init} script before {@link #run()} */
    public ShellSession session() {
        return session;
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
        try {
            out.println("Jobline shell: Groovy with the Jobline DSL. :help for commands, Ctrl-D to exit.");
            out.flush();
            loop();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            System.setOut(systemOut);
            System.setErr(systemErr);
            try {
                reader.getHistory().save();
            } catch (java.io.IOException e) {
                out.println("jobline: cannot save the history: " + e.getMessage());
            }
            out.flush();
        }
        return 0;
    }

    private void loop() {
        while (!session.exitRequested()) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped, a new prompt comes
            } catch (EndOfFileException e) {
                return;
            }
            session.take(line);
        }
    }
}
