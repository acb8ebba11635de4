package io.jobline.shell.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

import io.jobline.shell.repl.InputScanner;

/**
 * The shell off a terminal ({@code jobline shell < session.groovy}): reads lines, gathers an unfinished input's
 * lines as the terminal's continuation prompt would, evaluates each input as typed input, prints values and errors,
 * no editing, no prompt.
 */
public final class ScriptedShell {

    private final ShellSession session;
    private final PrintWriter err;

    public ScriptedShell(ShellSession session, PrintWriter err) {
        this.session = session;
        this.err = err;
    }

    /**
     * Evaluates every input of {@code input} until its end or {@code :exit}.
     *
     * @return whether every input succeeded
     */
    public boolean run(BufferedReader input) throws IOException {
        boolean ok = true;
        StringBuilder pending = new StringBuilder();
        String line;
        while (!session.exitRequested() && (line = input.readLine()) != null) {
            if (pending.length() == 0 && GroovyLineParser.isCommand(line)) {
                ok &= session.take(line);
                continue;
            }
            pending.append(line);
            if (InputScanner.needsMore(pending.toString())) {
                pending.append('\n');
                continue;
            }
            ok &= session.take(pending.toString());
            pending.setLength(0);
        }
        if (pending.length() > 0) { // the input ended inside an unfinished one: its error says what is open
            ok &= session.take(pending.toString());
        }
        err.flush();
        return ok;
    }
}
