package io.jobline.pool

import spock.lang.Specification

import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.PriorityBlockingQueue

class BoxesSpec extends Specification {

    def "drain harvests what is queued now, in the queue's order, and ends"() {
        given:
        def queue = new LinkedBlockingQueue([3, 1, 2])

        expect:
        Boxes.drain(queue) == [3, 1, 2]
        queue.isEmpty()
        Boxes.drain(queue) == []
    }

    def "drain follows the queue's own order"() {
        expect:
        Boxes.drain(new PriorityBlockingQueue([3, 1, 2])) == [1, 2, 3]
    }

    def "drain of null is an error"() {
        when:
        Boxes.drain(null)

        then:
        thrown(NullPointerException)
    }
}
