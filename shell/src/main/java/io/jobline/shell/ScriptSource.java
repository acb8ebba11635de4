package io.jobline.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a job script and the names it goes by: a file ({@code jobline run job.groovy}), an expression
 * ({@code jobline run -e 'println 1'}) or standard input ({@code jobline run -}).
 *
 * @param text       the Groovy source
 * @param label      how messages name it: the path as the user gave it, {@code -e} or {@code <stdin>}
 * @param sourceName the name stack frames and compile errors carry ({@code job.groovy}); also the base of the script
 *                   class's name
 */
record ScriptSource(String text, String label, String sourceName) {

    /** The source name Groovy itself gives {@code groovy -e} scripts. */
    static final String EXPRESSION_NAME = "script_from_command_line";

    /** Why a script could not be read: a message for the user, already naming the script. */
    static final class Unreadable extends Exception {

        Unreadable(String message) {
            super(message);
        }
    }

    static ScriptSource expression(String expression) {
        return new ScriptSource(expression, "-e", EXPRESSION_NAME);
    }

    static ScriptSource stdin(InputStream in) throws Unreadable {
        try {
            return new ScriptSource(new String(in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>", "stdin");
        } catch (IOException e) {
            throw new Unreadable("cannot read the script from standard input: " + reason(e));
        }
    }

    /** @param name the path as the user gave it */
    static ScriptSource file(String name) throws Unreadable {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw new Unreadable("not a valid path for a script: " + name + " (" + e.getReason() + ")");
        }
        if (Files.isDirectory(path)) {
            throw new Unreadable(name + " is a directory, not a script: name a .groovy file in it");
        }
        if (!Files.exists(path)) {
            throw new Unreadable("no such script: " + name);
        }
        try {
            // A pipe (/dev/stdin, <(…)) will do: read what it gives.
            return new ScriptSource(Files.readString(path, StandardCharsets.UTF_8), name, path.getFileName().toString());
        } catch (IOException e) {
            throw new Unreadable("cannot read " + name + ": " + reason(e));
        }
    }

    /** @return what went wrong in words: the JDK's file exceptions carry only the path as their message */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
