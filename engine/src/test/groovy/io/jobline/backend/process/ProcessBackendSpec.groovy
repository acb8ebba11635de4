package io.jobline.backend.process

import io.jobline.backend.Backends
import io.jobline.backend.Work
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

@Timeout(60)
class ProcessBackendSpec extends Specification {

    @Shared
    ProcessBackend backend

    def setupSpec() {
        backend = ProcessBackend.create([workers: 2, jvmArgs: '-Xmx64m'])
    }

    def cleanupSpec() {
        backend?.close()
        assert Workers.leftOver() == []
    }

    static Work work(Object fn, List args, Map options = null) {
        Work.of(fn, args as Object[], options)
    }

    def "runs calls in worker processes and returns their results"() {
        when:
        def futures = (1..20).collect { backend.submit(work(new TestFunctions.Square(), [it])) }

        then:
        futures*.get() == (1..20).collect { (long) it * it }
        futures.every { it.node ==~ /worker \d+ \(pid \d+\)/ }
        futures*.jobId.unique().size() == 20
        backend.submit(work(new TestFunctions.Pid(), [])).get() != ProcessHandle.current().pid()
    }
}
