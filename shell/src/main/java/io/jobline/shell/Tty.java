package io.jobline.shell;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.util.function.IntSupplier;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** What {@code jobline} needs to know about the terminal it runs in, if any. */
final class Tty {

    private static final int FALLBACK_WIDTH = 80;

    private Tty() {
    }

    /**
     * @return whether standard input and output are an interactive terminal that understands ANSI escapes (so a
     *         live progress display is welcome there)
     */
    static boolean interactive() {
        Console console = System.console();
        String term = System.getenv("TERM");
        return console != null && isTerminal(console) && term != null && !term.isEmpty() && !"dumb".equals(term);
    }

    /** JDK 22+ returns a console even when redirected and says so with {@code isTerminal()}; older JDKs return null. */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** @return the charset the JVM writes standard output in */
    static Charset stdoutCharset() {
        for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }

    /**
     * The terminal's width in columns, read again at each call so a resized window is followed.
     *
     * <p>One JLine terminal serves the whole JVM. JLine is told not to install signal handlers: Ctrl-C stays with
     * {@link Interrupts}.
     */
    static IntSupplier width() {
        Terminal terminal = SystemTerminal.TERMINAL;
        if (terminal == null) {
            return () -> FALLBACK_WIDTH;
        }
        return () -> {
            int width = terminal.getWidth();
            return width > 0 ? width : FALLBACK_WIDTH;
        };
    }

    /** Opened on first use only: a script run off a terminal never pays for it. */
    private static final class SystemTerminal {

        static final Terminal TERMINAL = open();

        private static Terminal open() {
            try {
                return TerminalBuilder.builder().system(true).nativeSignals(false).dumb(true).build();
            } catch (IOException | RuntimeException e) {
                return null; // the width falls back to a common default
            }
        }
    }
}
