package io.jobline.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveRegistry;

/**
 * Runs each input on a thread of its own, in a live scope of its own under the session's, so the shell's thread
 * stays free to take Ctrl-C and {@link #interrupt()} stops exactly that input: it cancels what the input started
 * (runs, executors, pools, also those started by threads the input started) and interrupts its thread. Runs of
 * earlier inputs are never touched. Evaluation is one input at a time: {@link #run} waits for the input.
 *
 * <p>An input's scope is closed (its entries handed to the session's scope) once nothing in it is live: at the end
 * of the input, or later, at {@link #closeIdleScopes()}, for an input that left runs going.
 */
public final class InputRunner {

    private final Evaluator evaluator;
    private final LiveRegistry session;
    private final AtomicInteger inputs = new AtomicInteger();
    /** Scopes of ended inputs that left something live; closed when that has ended. */
    private final List<LiveRegistry> lingering = new ArrayList<>();
    /** Ids of top-level entries inputs left live; bounded by what is live. */
    private final Set<Long> background = ConcurrentHashMap.newKeySet();
    private volatile Running running;

    /** @param session the session's live scope: each input's scope opens under it */
    public InputRunner(Evaluator evaluator, LiveRegistry session) {
        this.evaluator = evaluator;
        this.session = session;
    }

    /** The input under way: its thread, its scope, and what it gives. */
    private static final class Running {
        final CompletableFuture<Evaluation> result = new CompletableFuture<>();
        volatile Thread thread;
        volatile LiveRegistry scope;
    }

    /**
     * Evaluates {@code source} on a new thread and waits for it.
     *
     * @param file the file it comes from ({@code :load}), or null
     * @return the evaluation; if the wait itself is interrupted, the input is interrupted and waited for
     */
    public Evaluation run(String source, String file) {
        closeIdleScopes();
        int number = inputs.incrementAndGet();
        Running input = new Running();
        LiveRegistry scope = session.openScope("input", "#" + number);
        input.scope = scope;
        Thread thread = new Thread(() -> {
            try {
                input.result.complete(scope.callIn(() -> evaluator.evaluate(source, file)));
            } catch (Throwable t) {
                input.result.completeExceptionally(t);
            }
        }, "jobline-input-" + number);
        thread.setDaemon(true); // an input that never ends must not keep the JVM up after :exit
        input.thread = thread;
        running = input;
        thread.start();
        try {
            return await(input);
        } finally {
            running = null;
            for (LiveEntry entry : scope.live()) {
                if (entry.parent() == null) {
                    background.add(entry.id());
                }
            }
            synchronized (lingering) {
                lingering.add(scope);
            }
            closeIdleScopes();
        }
    }

    /**
     * @return whether {@code entry} was left live by the input that started it (it went on after the input ended):
     *         true once per such entry, as it ends, so that its end is told once
     */
    public boolean wasLeftLive(LiveEntry entry) {
        return background.remove(entry.id());
    }

    /** Closes the scopes of ended inputs in which nothing is live any more. Never blocks for long. */
    public void closeIdleScopes() {
        List<LiveRegistry> idle = new ArrayList<>();
        synchronized (lingering) {
            lingering.removeIf(scope -> {
                if (scope.live().isEmpty()) {
                    idle.add(scope);
                    return true;
                }
                return false;
            });
        }
        idle.forEach(LiveRegistry::close);
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
        input.scope.cancelAll();
        input.thread.interrupt();
        return true;
    }

    /** @return whether an input is being evaluated */
    public boolean busy() {
        return running != null;
    }
}
