package io.jobline.shell.commands;

import java.util.List;

import org.codehaus.groovy.runtime.StackTraceUtils;

/** {@code :stacktrace}: the full stack trace of the last failure (Groovy's internal frames left out). */
final class StacktraceCommand implements Command {

    @Override
    public String name() {
        return "stacktrace";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "show the full stack trace of the last error";
    }

    @Override
    public void run(List<String> args, CommandContext context) {
        Throwable failure = context.lastFailure();
        if (failure == null) {
            context.out().println("no error yet");
            return;
        }
        StackTraceUtils.deepSanitize(failure).printStackTrace(context.out());
        context.out().flush();
    }
}
