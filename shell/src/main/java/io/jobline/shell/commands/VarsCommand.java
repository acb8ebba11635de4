package io.jobline.shell.commands;

import java.util.List;
import java.util.Map;

import io.jobline.shell.repl.ValueFormat;

/** {@code :vars}: the session's variables with their types and values, then its methods. */
final class VarsCommand implements Command {

    private static final int MAX_VALUE = 60;

    @Override
    public String name() {
        return "vars";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "list the variables and methods kept so far";
    }

    @Override
    public void run(List<String> args, CommandContext context) {
        Map<String, Object> variables = context.evaluator().variables();
        List<String> methods = context.evaluator().methods();
        if (variables.isEmpty() && methods.isEmpty()) {
            context.out().println("no variables or methods yet");
            return;
        }
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            Object value = variable.getValue();
            String type = value == null ? "null" : value.getClass().getSimpleName();
            String text = ValueFormat.shortText(value).replace('\n', ' ');
            if (text.length() > MAX_VALUE) {
                text = text.substring(0, MAX_VALUE - 3) + "...";
            }
            context.out().println(String.format("  %s %s = %s", type, variable.getKey(), text));
        }
        for (String method : methods) {
            context.out().println("  method " + method + "(...)");
        }
    }
}
