package io.jobline.shell.commands;

import java.util.List;

import org.jline.reader.Candidate;

/**
 * A shell command: {@code :name args}. Commands print through their {@link CommandContext} and ask the session's
 * evaluator and live registry for what they show; they never reach into the engine's internals.
 */
public interface Command {

    /** @return the name typed after {@code :} */
    String name();

    /** @return the arguments, as the help shows them ({@code ID STAGE N}); empty if none */
    String usage();

    /** @return what the command does, in one line */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the words after the command's name
     * @throws CommandException for wrong arguments or a failure, with a message for the user
     */
    void run(List<String> args, CommandContext context) throws CommandException;

    /**
     * Adds candidates for the argument {@code index} (0 is the first after the name), of which {@code typed} has
     * been typed. Must not block or have side effects. By default, nothing.
     */
    default void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
    }
}
