package io.jobline.shell.console;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import io.jobline.shell.commands.CommandContext;
import io.jobline.shell.commands.Commands;
import io.jobline.shell.repl.Evaluator;

/** Tab: commands and their arguments on a {@code :command} line, Groovy names ({@link CodeCompleter}) elsewhere. */
final class ShellCompleter implements Completer {

    private final Commands commands;
    private final CommandContext context;
    private final CodeCompleter code;

    ShellCompleter(Commands commands, CommandContext context, Evaluator evaluator) {
        this.commands = commands;
        this.context = context;
        this.code = new CodeCompleter(evaluator);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            if (GroovyLineParser.isCommand(line.line())) {
                commands.complete(line.words().subList(0, line.wordIndex() + 1), context, candidates);
            } else {
                code.complete(line.word(), candidates);
            }
        } catch (RuntimeException | LinkageError e) {
            // completion is a help: a class that cannot be inspected completes nothing, never breaks the line
        }
    }
}
