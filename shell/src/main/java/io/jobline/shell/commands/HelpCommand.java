package io.jobline.shell.commands;

import java.util.List;

import org.jline.reader.Candidate;

/** {@code :help [CMD]}: the commands, or one command's usage. */
final class HelpCommand implements Command {

    private final Commands commands;

    HelpCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "[COMMAND]";
    }

    @Override
    public String summary() {
        return "list the commands, or show how to use one";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        if (!args.isEmpty()) {
            String name = args.get(0).replaceFirst("^[:/]", "");
            Command command = commands.find(name);
            context.out().println(":" + command.name() + (command.usage().isEmpty() ? "" : " " + command.usage())
                    + "    " + command.summary());
            return;
        }
        context.out().println("Type Groovy with the Jobline DSL, or a command (a unique prefix will do):");
        for (Command command : commands.all()) {
            String call = ":" + command.name() + (command.usage().isEmpty() ? "" : " " + command.usage());
            context.out().println(String.format("  %-22s %s", call, command.summary()));
        }
        context.out().println("Keys: Tab completes, Ctrl-R searches history, Ctrl-C clears the line or stops the"
                + " running input, Ctrl-D exits.");
    }

    @Override
    public void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
        if (index == 0) {
            for (Command command : commands.all()) {
                candidates.add(new Candidate(command.name()));
            }
        }
    }
}
