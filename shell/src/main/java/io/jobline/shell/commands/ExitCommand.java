package io.jobline.shell.commands;

import java.util.List;

/** {@code :exit}: leaves the shell (asking first if runs are live, as Ctrl-D does). */
final class ExitCommand implements Command {

    @Override
    public String name() {
        return "exit";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "leave the shell (live runs are cancelled)";
    }

    @Override
    public void run(List<String> args, CommandContext context) {
        context.exit();
    }
}
