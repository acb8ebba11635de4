package io.jobline.shell.repl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each input on a thread of its own, so the shell's thread stays free to take Ctrl-C, and lets it be stopped:
 * {@link #interrupt()} interrupts that thread. Evaluation is one input at a time: {@link #run} waits for the input.
 */
public final class InputRunner {

    private final Evaluator evaluator;
    private final AtomicInteger inputs = new AtomicInteger();
    private volatile Running running;

    public InputRunner(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The input under way: its thread, and what it gives. */
    private static final class Running {
        final CompletableFuture<Evaluation> result = new CompletableFuture<>();
        volatile Thread thread;
        volatile boolean interrupted;
    }

    /**
     * Evaluates {@code source} on a new thread and waits for it.
     *
     * @param file the file it comes from ({@code :load}), or null
     * @return the evaluation; if the wait itself is interrupted, the input is interrupted and waited for
     */
    public Evaluation run(String source, String file) {
        Running input = new Running();
        Thread thread = new Thread(() -> {
            try {
                input.result.complete(evaluator.evaluate(source, file));
            } catch (Throwable t) {
                input.result.completeExceptionally(t);
            }
        }, "jobline-input-" + inputs.incrementAndGet());
        thread.setDaemon(true); // an input that never ends must not keep the JVM up after :exit
        input.thread = thread;
        running = input;
        thread.start();
        try {
            return await(input);
        } finally {
            running = null;
        }
    }

    private static Evaluation await(Running input) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return input.result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    input.thread.interrupt();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the evaluator failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Interrupts the input under way, if any (Ctrl-C). Returns at once.
     *
     * @return whether an input was under way
     */
    public boolean interrupt() {
        Running input = running;
        if (input == null) {
            return false;
        }
        input.interrupted = true;
        input.thread.interrupt();
        return true;
    }

    /** @return whether an input is being evaluated */
    public boolean busy() {
        return running != null;
    }
}
