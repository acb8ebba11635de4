package io.jobline.backend.process

import io.jobline.backend.BackendScope

/** What specs check about worker processes. */
class Workers {

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
