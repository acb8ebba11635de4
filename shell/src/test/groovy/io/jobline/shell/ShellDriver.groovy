package io.jobline.shell

import io.jobline.live.LiveRegistry
import io.jobline.shell.console.InteractiveShell
import io.jobline.shell.repl.Evaluator
import org.jline.terminal.Terminal
import org.jline.terminal.impl.DumbTerminal

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Drives an {@link InteractiveShell} through a JLine terminal on streams, as a user at a terminal would: keys are
 * typed into the terminal's input, and {@link #await} waits (bounded) for text to appear on its output.
 */
class ShellDriver implements AutoCloseable {

    static final long WAIT_SECONDS = 60

    final PipedOutputStream keys = new PipedOutputStream()
    final Output screen = new Output()
    final Terminal terminal
    final InteractiveShell shell
    final Path history
    final LiveRegistry scope
    private final Thread thread
    private volatile Integer code
    private volatile Throwable failure
    private int seen

    ShellDriver(Path history = Files.createTempFile('jobline-history', ''), boolean stacktrace = false) {
        this.history = history
        terminal = new DumbTerminal('jobline-test', Terminal.TYPE_DUMB, new PipedInputStream(keys, 1 << 16), screen,
                StandardCharsets.UTF_8)
        scope = LiveRegistry.global().openScope('session', 'spec')
        shell = new InteractiveShell(terminal, history, new Evaluator(), scope, stacktrace)
        thread = new Thread({
            try {
                code = shell.run()
            } catch (Throwable t) {
                failure = t
            }
        }, 'shell-under-test')
        thread.daemon = true
        thread.start()
        await('Ctrl-D to exit.')
        await(InteractiveShell.PROMPT)
    }

    /** Types {@code text} (add '\n' to press Enter). */
    ShellDriver type(String text) {
        keys.write(text.getBytes(StandardCharsets.UTF_8))
        keys.flush()
        this
    }

    /** Types a line and waits until the shell has taken it. @return what was printed since the last wait */
    String enter(String line) {
        int before = shell.session().taken()
        type(line + '\n')
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS)
        while (shell.session().taken() == before) {
            if (System.nanoTime() > deadline || !thread.alive) {
                throw new AssertionError("the shell did not take '$line'; screen:\n" + rest())
            }
            screen.waitForMore(100)
        }
        String text = screen.text()
        String result = text.substring(seen)
        seen = text.length()
        result
    }

    /**
     * Waits until {@code expected} appears on the screen after what earlier awaits have seen.
     *
     * @return the output from the last seen position up to and including {@code expected}
     */
    String await(String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS)
        while (true) {
            String text = screen.text()
            int at = text.indexOf(expected, seen)
            if (at >= 0) {
                String result = text.substring(seen, at + expected.length())
                seen = at + expected.length()
                return result
            }
            if (System.nanoTime() > deadline || failure != null || code != null) {
                throw new AssertionError("'$expected' did not appear; the shell ${code != null ? "exited $code" : failure ?: 'runs'}; screen after what was seen:\n" + text.substring(seen))
            }
            screen.waitForMore(100)
        }
    }

    /** Waits until {@code expected} appears anywhere on the screen, whatever earlier waits saw. */
    void awaitAnywhere(String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS)
        while (!screen.text().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'$expected' never appeared; screen:\n" + screen.text())
            }
            screen.waitForMore(100)
        }
    }

    /** @return everything printed since the last {@link #await} */
    String rest() {
        screen.text().substring(seen)
    }

    /** Ctrl-C as the terminal delivers it: a SIGINT. */
    void ctrlC() {
        terminal.raise(Terminal.Signal.INT)
    }

    /** @return the exit code, once the shell has ended (bounded wait) */
    int exitCode() {
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS))
        if (failure != null) {
            throw new AssertionError('the shell failed', failure)
        }
        assert code != null: 'the shell did not end'
        code
    }

    @Override
    void close() {
        if (thread.alive) {
            shell.session().interrupt()
            scope.cancelAll() // else the shell would ask whether to exit with jobs live
            shell.session().exit()
            type('\n') // the prompt returns, the loop sees the exit
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS))
        }
        scope.close()
        terminal.close()
    }

    /** The terminal's output: bytes kept, readers woken on each write. */
    static class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream()

        @Override
        synchronized void write(int b) {
            bytes.write(b)
            notifyAll()
        }

        @Override
        synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len)
            notifyAll()
        }

        synchronized String text() {
            bytes.toString(StandardCharsets.UTF_8).replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/, '')
        }

        synchronized void waitForMore(long millis) {
            wait(millis)
        }
    }
}
