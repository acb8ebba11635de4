package io.jobline.backend.process

import spock.lang.Specification

/**
 * CallQueue's count of dropped calls, for the interleavings the Dispatcher's lock cannot order: a future is final
 * before its cancel hook takes the lock, so the queue may already have dropped it; a timeout may fire for a call
 * that is in a worker, not in the queue. A call counted as dropped that is not there makes size() under-report,
 * and the backend starts no worker for a call that waits.
 */
class CallQueueSpec extends Specification {

    static ProcessTask task(long id) {
        new ProcessTask(null, id, null, "task $id", null, null, null, null)
    }

    def "a call dropped at the head before its cancel hook ran is not counted again"() {
        given:
        def queue = new CallQueue()
        def cancelled = task(1)
        queue.addLast(cancelled)

        when: 'final (its hook has not run yet), then a dispatch peeks, then the hook tells the queue'
        cancelled.complete('final')
        assert queue.peek() == null
        queue.discarded(cancelled)
        def waiting = task(2)
        queue.addLast(waiting)

        then:
        queue.size() == 1
        queue.poll() == waiting
        queue.size() == 0
    }

    def "a call that is not in the queue (it timed out in a worker as its result came) is not counted"() {
        given:
        def queue = new CallQueue()
        def sent = task(1)
        queue.addLast(sent)
        assert queue.poll() == sent
        def waiting = task(2)
        queue.addLast(waiting)

        when:
        sent.complete('timed out')
        queue.discarded(sent)

        then:
        queue.size() == 1
        queue.peek() == waiting
    }

    def "a call cancelled while it waits is counted once, however often it is reported, and dropped"() {
        given:
        def queue = new CallQueue()
        def calls = (1..3).collect { task(it) }
        queue.addAll(calls)

        when:
        calls[0].complete('cancelled')
        queue.discarded(calls[0])
        queue.discarded(calls[0])

        then:
        queue.size() == 2
        queue.poll() == calls[1]
        queue.size() == 1
    }

    def "compaction drops the final calls and keeps the count right for the ones it already dropped"() {
        given:
        def queue = new CallQueue()
        def calls = (1..200).collect { task(it) }
        queue.addAll(calls)

        when: 'all but the last are final; the first one is reported only after the compaction'
        calls[0..-2].each { it.complete('cancelled') }
        calls[1..-2].each { queue.discarded(it) }
        queue.discarded(calls[0])

        then:
        queue.size() == 1
        queue.poll() == calls[-1]
        queue.isEmpty()
    }
}
