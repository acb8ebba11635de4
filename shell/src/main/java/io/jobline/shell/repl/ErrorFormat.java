package io.jobline.shell.repl;

import java.util.ArrayList;
import java.util.List;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.jobline.shell.ErrorReport;

/**
 * The shell's words for a failed input: one {@code ERROR} line (type and message, and the input's line when the
 * input had several), then a {@code caused by:} line for each cause that says something new, as {@code jobline run}
 * words a script's failure. Compile errors read as they do for {@code jobline run}: {@code input:2:5: message}.
 */
public final class ErrorFormat {

    private static final int MAX_CODE = 60;

    private ErrorFormat() {
    }

    /** @param source the input's text, to quote its failing line */
    public static List<String> lines(Evaluation evaluation, String source) {
        Throwable failure = evaluation.failure();
        List<String> lines = new ArrayList<>();
        if (failure instanceof MultipleCompilationErrorsException) {
            for (String line : ErrorReport.compileErrors((MultipleCompilationErrorsException) failure,
                    evaluation.label(), source == null ? "" : source)) {
                lines.add("ERROR " + line);
            }
            return lines;
        }
        int line = ErrorReport.scriptLine(failure, evaluation.sourceName());
        lines.add("ERROR " + headline(failure) + where(evaluation, source, line));
        List<String> report = ErrorReport.failure(failure, evaluation.sourceName(), evaluation.label());
        for (String more : report) {
            if (more.startsWith("  caused by: ")) {
                lines.add(more);
            }
        }
        return lines;
    }

    /** {@code MissingPropertyException: no such property 'pipelin'}, the DSL's own messages as they are */
    static String headline(Throwable failure) {
        if (failure instanceof MissingPropertyException && isInput(((MissingPropertyException) failure).getType())) {
            return "MissingPropertyException: no such property '"
                    + ((MissingPropertyException) failure).getProperty() + "'";
        }
        if (failure instanceof MissingMethodException && isInput(((MissingMethodException) failure).getType())) {
            MissingMethodException missing = (MissingMethodException) failure;
            return "MissingMethodException: no such method '" + missing.getMethod() + "' for arguments "
                    + argumentTypes(missing.getArguments());
        }
        String described = ErrorReport.describe(failure);
        String type = failure.getClass().getSimpleName();
        return described.startsWith(type) || failure.getClass().getName().startsWith("io.jobline.")
                ? described : type + ": " + described;
    }

    private static boolean isInput(Class<?> type) {
        return type != null && InputNaming.isInput(type);
    }

    private static String argumentTypes(Object[] arguments) {
        List<String> types = new ArrayList<>();
        for (Object argument : arguments == null ? new Object[0] : arguments) {
            types.add(argument == null ? "null" : argument.getClass().getSimpleName());
        }
        return "(" + String.join(", ", types) + ")";
    }

    /** {@code  (input:3: p.run(1..10))} for input of several lines or a file; nothing for a one-line input */
    private static String where(Evaluation evaluation, String source, int line) {
        if (line <= 0) {
            return "";
        }
        String[] lines = source.split("\n", -1);
        boolean typed = evaluation.label().equals("input");
        if (typed && lines.length == 1) {
            return "";
        }
        String code = line <= lines.length ? lines[line - 1].strip() : "";
        if (code.length() > MAX_CODE) {
            code = code.substring(0, MAX_CODE - 3) + "...";
        }
        return " (" + evaluation.label() + ":" + line + (typed && !code.isEmpty() ? ": " + code : "") + ")";
    }
}
