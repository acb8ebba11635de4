package io.jobline.shell.commands;

import java.util.List;

/** {@code :imports}: the imports typed so far (the DSL's own need none). */
final class ImportsCommand implements Command {

    @Override
    public String name() {
        return "imports";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "list the imports kept so far (the DSL needs none)";
    }

    @Override
    public void run(List<String> args, CommandContext context) {
        List<String> imports = context.evaluator().imports();
        if (imports.isEmpty()) {
            context.out().println("no imports yet: the DSL, java.time.Duration and Groovy's defaults need none");
        }
        imports.forEach(line -> context.out().println("  " + line));
    }
}
