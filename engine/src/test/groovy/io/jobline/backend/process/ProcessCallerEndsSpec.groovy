package io.jobline.backend.process

import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.TimeUnit

/** A caller that ends without closing its backend (System.exit, or killed outright) leaves no worker behind. */
@Timeout(60)
class ProcessCallerEndsSpec extends Specification {

    def "workers end with their caller, however it ends (#how)"() {
        given:
        def java = ProcessHandle.current().info().command().get()
        def caller = new ProcessBuilder(java, '-cp', System.getProperty('java.class.path'), CallerMain.name, mode)
                .redirectErrorStream(true).start()
        def lines = caller.inputStream.newReader()
        def pids = []
        String line
        while ((line = lines.readLine()) != 'ready') {
            assert line != null
            if (line.startsWith('worker pid ')) {
                pids << Long.parseLong(line - 'worker pid ')
            }
        }

        when:
        if (mode == 'wait') {
            caller.destroyForcibly()
        }
        caller.waitFor()
        def workers = pids.collect { ProcessHandle.of(it) }.findAll { it.present }*.get()
        workers.each { it.onExit().get(20, TimeUnit.SECONDS) }

        then:
        pids.size() == 2
        workers.every { !it.alive }
        Workers.leftOver() == []

        where:
        how                                          | mode
        'System.exit: the shutdown hook kills them'  | 'exit'
        'SIGKILL: they exit when their stdin closes' | 'wait'
    }
}
