package io.jobline.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every run this JVM started: the live ones and the most recent finished ones. The command line uses it for
 * progress and {@code --stats}; the shell for {@code :jobs}, {@code :stats} and {@code :cancel}.
 */
public final class RunRegistry {

    /** How many runs are remembered (live runs are never forgotten). */
    static final int REMEMBERED = 1000;

    private static final List<Consumer<Run>> LISTENERS = new CopyOnWriteArrayList<>();
    private static final Deque<Run> RUNS = new ArrayDeque<>();

    private RunRegistry() {
    }

    /** Calls {@code onStart} with every run started from now on, on the starting thread, before input flows. */
    public static void addListener(Consumer<Run> onStart) {
        LISTENERS.add(onStart);
    }

    public static void removeListener(Consumer<Run> onStart) {
        LISTENERS.remove(onStart);
    }

    /** @return live runs and recent finished ones, oldest first */
    public static List<Run> runs() {
        synchronized (RUNS) {
            return new ArrayList<>(RUNS);
        }
    }

    /** @return the run with this id, or {@code null} */
    public static Run find(int id) {
        for (Run run : runs()) {
            if (run.getId() == id) {
                return run;
            }
        }
        return null;
    }

    static void started(Run run) {
        synchronized (RUNS) {
            RUNS.addLast(run);
            while (RUNS.size() > REMEMBERED && RUNS.peekFirst().getState().isFinal()) {
                RUNS.removeFirst();
            }
        }
        for (Consumer<Run> listener : LISTENERS) {
            listener.accept(run);
        }
    }
}
