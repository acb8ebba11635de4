package io.jobline.shell.commands;

/** A command could not do what was asked; the message says why and what is valid. */
public final class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }
}
