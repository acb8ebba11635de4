package io.jobline.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import groovy.lang.GroovyRuntimeException;

/**
 * Turns a script's compile errors and failures into the short messages {@code jobline run} prints: the script's
 * file and line first ({@code job.groovy:12: message}), as compilers do, so editors can jump there. The shell
 * ({@code io.jobline.shell.repl}) words its errors with these too.
 */
public final class ErrorReport {

    /** Causes shown under a failure at most: enough to explain it, short enough to read. */
    private static final int MAX_CAUSES = 4;

    /** Exception types whose name adds nothing to their message: only the message is shown. */
    private static final Set<Class<?>> PLAIN = Set.of(Throwable.class, Exception.class, RuntimeException.class,
            Error.class, IllegalArgumentException.class, IllegalStateException.class,
            UnsupportedOperationException.class, AssertionError.class);

    private ErrorReport() {
    }

    /** @return one {@code file:line:column: message} line per compile error */
    public static List<String> compileErrors(MultipleCompilationErrorsException failure, String file) {
        return compileErrors(failure, file, "");
    }

    /**
     * @param text the script's source, to find the line of a {@code @Grab} that could not be resolved
     * @return one {@code file:line:column: message} line per compile error
     */
    public static List<String> compileErrors(MultipleCompilationErrorsException failure, String file, String text) {
        List<String> lines = new ArrayList<>();
        for (Message message : failure.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage) {
                SyntaxException error = ((SyntaxErrorMessage) message).getCause();
                lines.add(file + ":" + error.getLine() + ":" + error.getStartColumn() + ": "
                        + error.getOriginalMessage().strip());
                continue;
            }
            String said = message instanceof ExceptionMessage ? describe(((ExceptionMessage) message).getCause())
                    : message instanceof SimpleMessage ? ((SimpleMessage) message).getMessage() : message.toString();
            List<String> grabs = GrabFailure.describe(said, file, text);
            if (grabs.isEmpty()) {
                lines.add(file + ": " + said);
            } else {
                lines.addAll(grabs);
            }
        }
        return lines;
    }

    /**
     * Describes a script's failure: {@code file:line: message}, the line being the innermost one in the script, then
     * a {@code caused by:} line for each cause that says something new (another message, or another script line).
     *
     * @param fileName the script's file name, as its stack frames carry it
     * @param file     the script as the user named it
     */
    public static List<String> failure(Throwable failure, String fileName, String file) {
        List<String> lines = new ArrayList<>(describeAt(file, scriptLine(failure, fileName), failure));
        String said = String.valueOf(failure.getMessage());
        int saidLine = scriptLine(failure, fileName);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        int shown = 0;
        for (Throwable cause = failure.getCause(); cause != null && seen.add(cause) && shown < MAX_CAUSES;
                cause = cause.getCause()) {
            int line = scriptLine(cause, fileName);
            boolean newMessage = cause.getMessage() == null || !said.contains(cause.getMessage());
            boolean newLine = line > 0 && line != saidLine;
            if (newMessage || newLine) {
                lines.add("  caused by: " + describe(cause) + (newLine ? " (" + file + ":" + line + ")" : ""));
                shown++;
            }
            said = said + "\n" + cause.getMessage();
            saidLine = line > 0 ? line : saidLine;
        }
        return lines;
    }

    /** A multi-line message (a power assertion's diagram) starts on its own line so its columns stay aligned. */
    private static List<String> describeAt(String file, int line, Throwable failure) {
        String where = line > 0 ? file + ":" + line + ": " : file + ": ";
        String message = failure.getMessage();
        if (message == null || message.indexOf('\n') < 0) {
            return List.of(where + describe(failure));
        }
        String header = failure instanceof AssertionError ? "assertion failed:" : typeName(failure) + ":";
        return List.of(where + header, message.stripTrailing());
    }

    /** @return the message, led by the exception's type unless the type says nothing more */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getName();
        }
        return plain(failure) ? message : typeName(failure) + ": " + message;
    }

    /** Groovy's runtime errors ("No such property: x for class: job") and Jobline's own speak for themselves. */
    private static boolean plain(Throwable failure) {
        Class<?> type = failure.getClass();
        return PLAIN.contains(type) || failure instanceof AssertionError || failure instanceof GroovyRuntimeException
                || type.getName().startsWith("io.jobline.");
    }

    private static String typeName(Throwable failure) {
        String simple = failure.getClass().getSimpleName();
        return simple.isEmpty() ? failure.getClass().getName() : simple;
    }

    /** @return the line of the innermost stack frame in the script, or 0 if none is */
    public static int scriptLine(Throwable failure, String fileName) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (fileName.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                return frame.getLineNumber();
            }
        }
        return 0;
    }
}
