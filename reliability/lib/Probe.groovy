import groovy.json.JsonOutput

import java.lang.management.ManagementFactory
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * What every reliability case measures around its work: the threads and child processes it leaves behind, and the
 * heap after a full collection, before and after. A case script loads this class (reliability/lib is on no class
 * path: `Probe = Suite.load('Probe')`), wraps its work in {@link #row} and gets one table row per call, appended as a
 * JSON line to $RELIABILITY_ROWS (the table script renders them).
 */
class Probe {

    /** Threads that outlive any one run by design: the JDK's, and Jobline's per-JVM singletons. */
    static final String LONG_LIVED = /^(process reaper.*|Reference Handler|Finalizer|Signal Dispatcher|Common-Cleaner|Attach Listener|Notification Thread|JFR.*|ForkJoinPool\.commonPool.*|jobline-timer.*|jobline-stats.*|jobline-stream-cleaner.*|jobline-backend-closer|jobline-worker-reaper|jobline-worker-output|jobline-exit|DestroyJavaVM|main|process-backend-cleanup.*|Jobline shutdown.*)$/

    /** How long leftovers get to end by themselves before they count as leaked (threads finish their last step). */
    static long settleMillis = 15_000

    static boolean quick = System.getenv('RELIABILITY_QUICK') == '1'

    /** @return heap in use after a full collection, in MB */
    static double heapMb() {
        3.times { System.gc() }
        ManagementFactory.memoryMXBean.heapMemoryUsage.used / 1048576.0d
    }

    static Set<Thread> threads() {
        Thread.allStackTraces.keySet().findAll { it.alive } as Set
    }

    static Set<Long> processes() {
        ProcessHandle.current().descendants().findAll { it.alive }.collect { it.pid() } as Set
    }

    /**
     * Runs {@code work}, which returns the row's counts ({@code in, out, errors} and, where known, {@code lost} and
     * {@code note}; {@code fail: 'why'} fails the row), then shuts Jobline's shared backends down and counts what is
     * left: threads and processes not there before. Lost, leaked threads and leaked processes must all be 0.
     */
    static Map row(String group, String name, Closure<Map> work) {
        Set<Thread> threadsBefore = threads()
        Set<Long> processesBefore = processes()
        double heapBefore = heapMb()
        long started = System.nanoTime()
        Map counts
        try {
            counts = work.call() ?: [:]
        } catch (Throwable e) {
            counts = [fail: "the case itself threw ${e.getClass().simpleName}: ${String.valueOf(e.message).take(200)}"]
        }
        double seconds = (System.nanoTime() - started) / 1e9
        io.jobline.dsl.Jobline.shutdown()
        long deadline = System.currentTimeMillis() + settleMillis
        // Leftovers get until the deadline to end: joined and awaited (they signal their end), never slept on.
        for (Thread thread : (threads() - threadsBefore)) {
            if (!(thread.name ==~ LONG_LIVED)) {
                thread.join(Math.max(1, deadline - System.currentTimeMillis()))
            }
        }
        for (Long pid : (processes() - processesBefore)) {
            ProcessHandle.of(pid).ifPresent { handle ->
                try {
                    handle.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)
                } catch (TimeoutException ignored) {
                    // still there: counted below
                }
            }
        }
        List<Thread> leakedThreads = (threads() - threadsBefore).findAll { !(it.name ==~ LONG_LIVED) } as List
        List<Long> leakedProcesses = (processes() - processesBefore) as List
        Map row = [group : group, case: name, in: counts.in, out: counts.out, errors: counts.errors,
                   lost  : counts.containsKey('lost') ? counts.lost : lost(counts),
                   threads: leakedThreads.size(), processes: leakedProcesses.size(),
                   heapBefore: round(heapBefore), heapAfter: round(heapMb()), seconds: round(seconds),
                   note  : counts.note ?: '']
        List<String> why = []
        if (counts.fail) {
            why << counts.fail
        }
        if (row.lost != null && row.lost != 0) {
            why << "${row.lost} lost"
        }
        if (leakedThreads) {
            why << "threads left: ${leakedThreads*.name.unique().take(5).join(', ')}"
        }
        if (leakedProcesses) {
            why << "processes left: ${leakedProcesses.take(5).join(', ')}"
        }
        row.ok = why.empty
        if (!row.ok) {
            row.note = ([row.note] + why).findAll().join('; ')
        }
        write(row)
        row
    }

    static Object lost(Map counts) {
        counts.in instanceof Number && counts.out instanceof Number && counts.errors instanceof Number ?
                counts.in - counts.out - counts.errors - (counts.dropped ?: 0) : null
    }

    static double round(double value) {
        Math.round(value * 10) / 10.0d
    }

    /** Appends {@code row} to $RELIABILITY_ROWS as one JSON line, and prints it for whoever watches. */
    static synchronized void write(Map row) {
        String file = System.getenv('RELIABILITY_ROWS')
        String line = JsonOutput.toJson(row)
        if (file) {
            new File(file) << line + '\n'
        }
        System.err.println((row.ok ? 'ok   ' : 'FAIL ') + "${row.group}: ${row.case} ${row.note ?: ''}")
    }
}
