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
        Thread hook = new Thread(() -> LIVE.forEach(Process::destroyForcibly), "jobline-worker-reaper");
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
}
