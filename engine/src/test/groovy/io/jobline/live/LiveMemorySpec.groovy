package io.jobline.live

import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.TimeUnit

/**
 * Memory per finished run, measured in child JVMs ({@link LiveSoak}) next to one run that stays live all along: the
 * registry keeps a bounded number of final snapshots, never the runs' queues, threads or outputs.
 */
@Timeout(600)
class LiveMemorySpec extends Specification {

    def "the heap stays flat over 10,000 runs next to one live run"() {
        when:
        def lines = soak([], 'heap', 10_000, 2)
        def heap = lines.findAll { it.startsWith('heap ') }.collect { it.split(' ')[2] as long }

        then: 'the heap after 2,000 runs and after 10,000 differ by less than 4 MB (keeping every run: ~60 MB)'
        lines[-1] == 'ok'
        heap.size() == 2
        heap[1] - heap[0] < 4_000_000
        lines.contains('kept ' + (LiveRegistry.DEFAULT_KEEP + 1))
    }

    def "1,500 runs of a 10-stage pipeline fit in -Xmx64m"() {
        expect:
        soak(['-Xmx64m'], 'runs', 1_500, 10)[-1] == 'ok'
    }

    private static List<String> soak(List<String> jvmArgs, String mode, int runs, int stages) {
        String java = System.getProperty('java.home') + '/bin/java'
        def command = [java] + jvmArgs + ['-cp', System.getProperty('java.class.path'), LiveSoak.name, mode,
                                          runs as String, stages as String]
        def process = new ProcessBuilder(command).redirectErrorStream(true).start()
        def output = new StringBuilder()
        def reader = Thread.start { output << process.inputStream.text }
        assert process.waitFor(500, TimeUnit.SECONDS): "the soak did not end: $output"
        reader.join()
        assert process.exitValue() == 0: "the soak failed: $output"
        output.readLines()
    }
}
