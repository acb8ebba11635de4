package io.jobline.shell.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.codehaus.groovy.runtime.StackTraceUtils;
import org.jline.reader.History;
import org.jline.terminal.Terminal;

import io.jobline.live.LiveRegistry;
import io.jobline.live.StatsSampler;
import io.jobline.shell.commands.CommandContext;
import io.jobline.shell.commands.Commands;
import io.jobline.shell.repl.ErrorFormat;
import io.jobline.shell.repl.Evaluation;
import io.jobline.shell.repl.Evaluator;
import io.jobline.shell.repl.InputRunner;
import io.jobline.shell.repl.ValueFormat;

/**
 * One shell session, whatever reads its input: takes a complete input (Groovy or a {@code :command}), evaluates or
 * runs it, prints the value ({@code ==> 42}) or the error. Inputs are taken one at a time, by one thread; another
 * thread may {@link #interrupt()} the input under way.
 */
public final class ShellSession implements CommandContext {

    private final Evaluator evaluator;
    private final InputRunner runner;
    private final LiveRegistry scope;
    private final Commands commands;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Terminal terminal;
    private final Supplier<History> history;
    private final boolean stacktrace;
    private volatile Throwable lastFailure;
    private volatile boolean exit;
    private volatile boolean interrupted;
    private final AtomicInteger taken = new AtomicInteger();
    private volatile Consumer<Runnable> fullScreen = Runnable::run;

    /**
     * @param scope the session's live scope: what inputs start registers under it; the caller closes it
     */
    public ShellSession(Evaluator evaluator, Commands commands, LiveRegistry scope, PrintWriter out,
                        PrintWriter err, Terminal terminal, Supplier<History> history, boolean stacktrace) {
        this.evaluator = evaluator;
        this.scope = scope;
        this.runner = new InputRunner(evaluator, scope);
        this.commands = commands;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.history = history;
        this.stacktrace = stacktrace;
    }

    /**
     * Evaluates or runs one complete input.
     *
     * @return whether it succeeded (a blank input does)
     */
    public boolean take(String input) {
        try {
            return takeOne(input);
        } finally {
            taken.incrementAndGet();
        }
    }

    /** @return how many inputs have been taken (blank ones included), for whoever waits for one to be done */
    public int taken() {
        return taken.get();
    }

    private boolean takeOne(String input) {
        if (input.isBlank()) {
            return true;
        }
        if (GroovyLineParser.isCommand(input)) {
            boolean ok = commands.execute(input.strip(), this);
            out.flush();
            return ok;
        }
        return report(evaluate(input, null), input);
    }

    private Evaluation evaluate(String source, String file) {
        // A Ctrl-C that came as the line was being accepted is this thread's interrupt (JLine's reader keeps it so):
        // it is meant for this input, which the runner then interrupts at once, so it stops as any Ctrl-C'd input.
        interrupted = Thread.currentThread().isInterrupted();
        Evaluation evaluation = runner.run(source, file);
        if (Thread.interrupted()) {
            // The runner handed it on to the input, which has ended: the prompt must not inherit it.
            interrupted = true;
        }
        System.out.flush();
        System.err.flush();
        return evaluation;
    }

    private boolean report(Evaluation evaluation, String source) {
        if (evaluation.failed()) {
            lastFailure = evaluation.failure();
            if (interrupted) {
                err.println("interrupted: the input stopped (Ctrl-C)");
            } else if (stacktrace) {
                StackTraceUtils.deepSanitize(evaluation.failure()).printStackTrace(err);
            } else {
                ErrorFormat.lines(evaluation, source).forEach(err::println);
            }
            err.flush();
            return false;
        }
        if (evaluation.value() != null) {
            out.println(ValueFormat.result(evaluation.value()));
        }
        out.flush();
        return true;
    }

    /**
     * Ctrl-C while an input runs: interrupts it. Returns at once.
     *
     * @return whether an input was running
     */
    public boolean interrupt() {
        if (runner.busy()) {
            interrupted = true;
            return runner.interrupt();
        }
        return false;
    }

    /** @return whether an input is being evaluated */
    public boolean busy() {
        return runner.busy();
    }

    /** Forgets an {@code :exit} the user took back. */
    public void stayOpen() {
        exit = false;
    }

    /** @return whether {@code :exit} was asked for */
    public boolean exitRequested() {
        return exit;
    }

    @Override
    public Evaluation load(Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("ERROR cannot read " + file + ": " + e.getMessage());
            err.flush();
            return null;
        }
        Evaluation evaluation = evaluate(source, file.toString());
        report(evaluation, source);
        return evaluation;
    }

    /** @return the runner of inputs, which knows which runs an input left going */
    public InputRunner runner() {
        return runner;
    }

    @Override
    public LiveRegistry scope() {
        return scope;
    }

    @Override
    public StatsSampler sampler() {
        return StatsSampler.global();
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public Evaluator evaluator() {
        return evaluator;
    }

    @Override
    public Terminal terminal() {
        return terminal;
    }

    @Override
    public History history() {
        return history.get();
    }

    @Override
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** Sets what {@link #fullScreen} does around a view (the interactive shell pauses its status line there). */
    public void onFullScreen(Consumer<Runnable> wrapper) {
        this.fullScreen = wrapper;
    }

    @Override
    public void fullScreen(Runnable view) {
        fullScreen.accept(view);
    }

    @Override
    public void exit() {
        exit = true;
    }
}
