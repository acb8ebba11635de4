package io.jobline.backend.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every worker process of this JVM that has not ended yet, and the one shutdown hook that kills them: a caller that
 * ends (System.exit, Ctrl-C) without closing its backends leaves no worker behind. (A caller killed outright is
 * covered by the workers themselves: they exit when their stdin closes.)
 */
final class LiveProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(() -> LIVE.forEach(LiveProcesses::kill), "jobline-worker-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private LiveProcesses() {
    }

    static void add(Process process) {
        LIVE.add(process);
    }

    static void remove(Process process) {
        LIVE.remove(process);
    }

    /**
     * Kills a worker's descendants, then the worker, at once. Descendants first, while they still are (a dead
     * worker's children belong to init): a tool a call started with inheritIO holds the worker's stdout, and left
     * alive it keeps the caller's reader from seeing the worker's end, and outlives the backend.
     */
    static void kill(Process process) {
        killDescendants(process);
        process.destroyForcibly();
    }

    /** Kills a worker's descendants (see {@link #kill}), not the worker. */
    static void killDescendants(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
