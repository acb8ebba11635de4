package io.jobline.backend.process

import io.jobline.backend.BackendScope
import io.jobline.backend.Work
import io.jobline.future.JobFuture

/** What specs check about worker processes. */
class Workers {

    static Work work(Object fn, List args, Map options = null) {
        Work.of(fn, args as Object[], options)
    }

    /** @return the pid of the worker that ran (or runs) the future's call, from its node */
    static long pidOf(JobFuture future) {
        Long.parseLong((future.node =~ /pid (\d+)/)[0][1])
    }

    /**
     * @return the processes this test JVM started that are still alive (there should be none after a close), once
     *         the backends that pipeline runs left warm (BackendScope) are closed
     */
    static List<String> leftOver(ProcessBackend... exceptWorkersOf) {
        BackendScope.shared().closeIdle()
        Set<Long> expected = exceptWorkersOf.collectMany { it.workerPids() } as Set
        ProcessHandle.current().descendants()
                .filter { it.alive && !(it.pid() in expected) }
                .collect { "${it.pid()} ${it.info().commandLine().orElse('?')}".toString() }
    }
}
