package io.jobline.shell.commands;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.Candidate;

import io.jobline.shell.repl.Evaluation;

/** {@code :load FILE}: evaluates a script file into the session; its variables, methods and classes stay. */
final class LoadCommand implements Command {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String usage() {
        return "FILE";
    }

    @Override
    public String summary() {
        return "evaluate a script file into the session (its variables, methods, classes stay)";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        if (args.size() != 1) {
            throw new CommandException("usage: :load FILE");
        }
        Path file;
        try {
            file = Path.of(args.get(0).replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
        } catch (InvalidPathException e) {
            throw new CommandException("not a file name: " + args.get(0));
        }
        if (!Files.isRegularFile(file)) {
            throw new CommandException("no such file: " + args.get(0));
        }
        Evaluation loaded = context.load(file);
        if (loaded == null || loaded.failed()) {
            throw new CommandException(":load " + args.get(0) + " failed (the error is above)");
        }
    }

    @Override
    public void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
        if (index == 0) {
            FileNames.complete(args.get(0), candidates);
        }
    }
}
