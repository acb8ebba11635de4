package io.jobline.pipeline

import io.jobline.live.LiveRegistry
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.util.function.Function

/** Issue 16 item 4: a result stream that is dropped unclosed does not keep its run going. */
class ResultStreamSpec extends Specification {

    static Iterator<Integer> endless() {
        int next = 0
        [hasNext: { true }, next: { next++ }] as Iterator<Integer>
    }

    def 'closing the stream cancels its run'() {
        given:
        def p = Pipeline.builder().stage({ it } as Function).options(name: 'closed-stream').build()
        def stream = p.stream(endless())

        when:
        def first = stream.limit(3).toList()
        stream.close()

        then:
        first == [0, 1, 2]
        new PollingConditions(timeout: 60, delay: 0.05).eventually {
            assert liveRuns('closed-stream').empty
        }
    }

    def 'a stream left unclosed ends its run once it is garbage'() {
        given:
        def p = Pipeline.builder().stage({ it } as Function).options(name: 'dropped-stream').build()

        when:
        def first = p.stream(endless()).limit(3).toList()

        then:
        first == [0, 1, 2]
        liveRuns('dropped-stream').size() == 1 // still going: the feeder is blocked on a full queue

        and:
        new PollingConditions(timeout: 60, delay: 0.2).eventually {
            System.gc()
            assert liveRuns('dropped-stream').empty
        }
    }

    private static List liveRuns(String name) {
        LiveRegistry.global().live().findAll { it.name() == name }
    }
}
