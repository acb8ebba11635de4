package io.jobline.shell.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jline.reader.Candidate;

/**
 * The shell's commands by name. A line {@code :name args} (or {@code /name args}, as in JShell and groovysh 5) runs
 * a command; a unique prefix of a name will do ({@code :j} for {@code :jobs}). Thread-safe once built.
 */
public final class Commands {

    private final Map<String, Command> byName = new LinkedHashMap<>();

    public Commands(List<Command> commands) {
        for (Command command : commands) {
            byName.put(command.name(), command);
        }
        byName.put("help", new HelpCommand(this));
    }

    /** @return every command of the shell */
    public static Commands standard() {
        return new Commands(List.of(new JobsCommand(), new StatsCommand(), new WatchCommand(), new ThreadsCommand(),
                new CancelCommand(), new VarsCommand(), new ImportsCommand(), new LoadCommand(), new ResetCommand(),
                new ReportCommand(), new HistoryCommand(), new StacktraceCommand(), new ExitCommand()));
    }

    /** @return the commands, in the order the help lists them */
    public List<Command> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /**
     * Runs a command line ({@code :jobs}, {@code /cancel 3}). Errors are printed as {@code ERROR message}.
     *
     * @return whether the command succeeded
     */
    public boolean execute(String line, CommandContext context) {
        List<String> words = words(line);
        String name = words.get(0).substring(1);
        try {
            Command command = find(name);
            command.run(words.subList(1, words.size()), context);
            return true;
        } catch (CommandException e) {
            context.out().println("ERROR " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            context.out().println("ERROR :" + name + " failed: " + e);
            return false;
        }
    }

    /** @return the command of that name or unique prefix */
    Command find(String name) throws CommandException {
        Command exact = byName.get(name);
        if (exact != null) {
            return exact;
        }
        List<Command> matches = new ArrayList<>();
        for (Command command : byName.values()) {
            if (command.name().startsWith(name)) {
                matches.add(command);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> names = new ArrayList<>();
        for (Command command : matches.isEmpty() ? byName.values() : matches) {
            names.add(":" + command.name());
        }
        throw new CommandException((matches.isEmpty() ? "unknown command ':" : "ambiguous command ':") + name
                + "'; " + (matches.isEmpty() ? "valid: " : "did you mean ") + String.join(", ", names));
    }

    /**
     * Completion of a command line: names after {@code :}, then each command's own arguments.
     *
     * @param words     the line's words, the one being typed last
     */
    public void complete(List<String> words, CommandContext context, List<Candidate> candidates) {
        if (words.isEmpty()) {
            return;
        }
        String first = words.get(0);
        char lead = first.isEmpty() ? ':' : first.charAt(0);
        if (words.size() == 1) {
            for (Command command : byName.values()) {
                candidates.add(new Candidate(lead + command.name(), lead + command.name(), "command",
                        command.summary(), null, null, true));
            }
            return;
        }
        Command command;
        try {
            command = find(first.substring(1));
        } catch (CommandException e) {
            return;
        }
        List<String> args = words.subList(1, words.size());
        command.complete(args, args.size() - 1, context, candidates);
    }

    static List<String> words(String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        return words;
    }
}
