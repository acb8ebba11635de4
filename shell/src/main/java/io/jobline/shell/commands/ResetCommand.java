package io.jobline.shell.commands;

import java.util.List;

/** {@code :reset}: forgets variables, methods, classes and imports; live runs go on. */
final class ResetCommand implements Command {

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "forget variables, methods, classes and imports (live runs go on)";
    }

    @Override
    public void run(List<String> args, CommandContext context) {
        context.evaluator().reset();
        context.out().println("session reset");
    }
}
