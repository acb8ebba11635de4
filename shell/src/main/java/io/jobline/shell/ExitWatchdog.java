package io.jobline.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Makes {@code jobline} end within {@link #GRACE} once it starts to exit (SIGTERM, Ctrl-C, the end of the command,
 * {@code System.exit} in a script), whatever its shutdown hooks do: a hook that never returns (a script's own, a
 * cleanup stuck on a lock a wedged thread holds) would otherwise keep the JVM alive for good, deaf to further
 * SIGTERMs. At exit a watchdog thread starts; if the JVM is still there {@link #GRACE} later, it writes one line to
 * stderr and halts with the exit code the JVM was ending with (143 after SIGTERM).
 *
 * <p>Everything the watchdog needs (its thread, its line, the stderr stream) is made at {@link #install()}, so it
 * works when the heap is full. An {@link OutOfMemoryError} itself is the launcher's business:
 * {@code -XX:+ExitOnOutOfMemoryError} ends the JVM at once, allocating nothing (see docs/command-line.md).
 */
final class ExitWatchdog {

    /** How long shutdown hooks (cancelling farm jobs, stopping workers) may take before the JVM is halted. */
    static final Duration GRACE = Duration.ofSeconds(10);
    /** 128 + SIGTERM. */
    static final int TERMINATED = 143;

    private static final byte[] LINE = ("jobline: still exiting " + GRACE.toSeconds() + " s after it began (a shutdown"
            + " hook did not return): halting\n").getBytes(StandardCharsets.UTF_8);
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);
    private static final Thread WATCHDOG = new Thread(ExitWatchdog::watch, "jobline-exit-watchdog");
    private static volatile int code = Main.FAILED;

    private ExitWatchdog() {
    }

    /** For {@link Main#main}: arms the watchdog at exit, and makes SIGTERM an exit with {@link #TERMINATED}. */
    static void install() {
        WATCHDOG.setDaemon(true);
        Runtime.getRuntime().addShutdownHook(new Thread(WATCHDOG::start, "jobline-exit-watchdog-start"));
        Interrupts.onSignal("TERM", () -> {
            code = TERMINATED;
            System.exit(TERMINATED);
        });
    }

    /** The exit code to halt with if the exit that follows gets stuck. */
    static void exitingWith(int exitCode) {
        code = exitCode;
    }

    private static void watch() {
        try {
            Thread.sleep(GRACE.toMillis()); // a deadline, not a synchronization: the JVM normally ends before it
        } catch (InterruptedException e) {
            // Halt all the same.
        }
        try {
            STDERR.write(LINE);
        } catch (IOException e) {
            // Nowhere to say it.
        }
        Runtime.getRuntime().halt(code);
    }
}
