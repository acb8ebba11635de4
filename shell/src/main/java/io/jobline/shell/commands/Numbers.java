package io.jobline.shell.commands;

/** Reading the numbers commands take, with messages that say what was wrong. */
final class Numbers {

    private Numbers() {
    }

    /** @return {@code text} as a whole number >= 1 */
    static int positive(String text, String what) throws CommandException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new CommandException(what + " must be a whole number >= 1, got '" + text + "'");
    }

    /** @return {@code text} as an id (a whole number >= 1) */
    static long id(String text) throws CommandException {
        try {
            long value = Long.parseLong(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new CommandException("ID must be a number from :jobs, got '" + text + "'");
    }
}
