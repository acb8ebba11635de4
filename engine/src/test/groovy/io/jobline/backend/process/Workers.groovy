package io.jobline.backend.process

/** What specs check about worker processes. */
class Workers {

    /** @return the processes this test JVM started that are still alive (there should be none after a close) */
    static List<String> leftOver() {
        ProcessHandle.current().descendants()
                .filter { it.alive }
                .collect { "${it.pid()} ${it.info().commandLine().orElse('?')}".toString() }
    }
}
