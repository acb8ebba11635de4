package io.jobline.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command line picocli could not parse, said in two lines instead of the whole help: what was wrong, then the
 * valid options (or subcommands) and where the help is. Exit code {@link Main#USAGE}.
 */
final class UsageErrors {

    private UsageErrors() {
    }

    static int report(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        CommandSpec spec = commandLine.getCommandSpec();
        PrintWriter err = commandLine.getErr();
        String command = spec.qualifiedName();
        List<String> unknown = new ArrayList<>();
        for (String arg : commandLine.getUnmatchedArguments()) {
            if (arg.startsWith("-")) {
                unknown.add(arg);
            }
        }
        if (!unknown.isEmpty()) {
            err.println(command + ": unknown option " + quoted(unknown) + "; valid options: " + options(spec));
        } else if (failure instanceof CommandLine.UnmatchedArgumentException && !spec.subcommands().isEmpty()) {
            err.println(command + ": unknown command " + quoted(commandLine.getUnmatchedArguments())
                    + "; commands: " + String.join(", ", spec.subcommands().keySet()));
        } else {
            err.println(command + ": " + failure.getMessage());
        }
        err.println("see '" + command + " --help'");
        err.flush();
        return Main.USAGE;
    }

    private static String quoted(List<String> args) {
        return "'" + String.join("', '", args) + "'";
    }

    /** @return every option with its parameter label, as the help lists them: {@code --stats FILE, -e EXPR, …} */
    private static String options(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            names.add(option.arity().max > 0 ? name + " " + option.paramLabel() : name);
        }
        return String.join(", ", names);
    }
}
