package io.jobline.shell.commands;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.jline.reader.History;
import org.jline.terminal.Terminal;

import io.jobline.live.LiveRegistry;
import io.jobline.live.StatsSampler;
import io.jobline.shell.repl.Evaluation;
import io.jobline.shell.repl.Evaluator;

/** What commands may use of the shell they run in. */
public interface CommandContext {

    /** @return the session's live scope: what its inputs started, live or recently finished */
    LiveRegistry scope();

    /** @return the sampler that knows recent rates of what is live */
    StatsSampler sampler();

    /** @return where commands print */
    PrintWriter out();

    /** @return the session's evaluator (variables, methods, imports) */
    Evaluator evaluator();

    /** @return the terminal, for full-screen views; may be a dumb one */
    Terminal terminal();

    /** @return the input history, or null off a terminal */
    History history();

    /** @return the last failure of an input, or null */
    Throwable lastFailure();

    /**
     * Evaluates a script file into the session as one input, printing its value or error as typed input's.
     *
     * @return the evaluation, or null if the file could not be read (that error is printed)
     */
    Evaluation load(Path file);

    /**
     * Runs a full-screen view: the status line and notices above the prompt wait until it ends.
     */
    void fullScreen(Runnable view);

    /** Ends the shell after this command. */
    void exit();
}
