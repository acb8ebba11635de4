package io.jobline.pool

import spock.lang.Specification

import java.util.concurrent.ArrayBlockingQueue

/** Options of {@link WorkerPool#create}: bad values fail at once, saying what is valid. */
class PoolOptionsSpec extends Specification {

    def "#options with #workers workers is refused: #message"() {
        when:
        WorkerPool.create(workers, options)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        workers | options                  || message
        2       | [size: 3]                || "unknown pool option 'size'; valid: backend, errbox, inbox, interval, max, min, name, outbox, ratio, threads, workerSetup"
        -1      | [:]                      || 'workers: must be a whole number >= 0, got -1'
        2       | [min: 3]                 || 'pool sizes must satisfy min <= workers <= max, got min 3, workers 2, max 2'
        2       | [max: 1]                 || 'pool sizes must satisfy min <= workers <= max, got min 2, workers 2, max 1'
        2       | [min: 1.5]               || 'min: must be a whole number >= 0, got 1.5'
        2       | [max: 'many']            || "max: must be a whole number >= 0, got 'many'"
        2       | [inbox: []]              || 'inbox: must be a java.util.concurrent.BlockingQueue, got [] (java.util.ArrayList)'
        2       | [workerSetup: 'setup']   || "workerSetup: must be a Closure, a method pointer (this.&name) or a java.util.function.Function, got a java.lang.String (setup)"
        2       | [threads: 'green']       || "threads: must be 'virtual' or 'platform', got green"
        2       | [ratio: 0]               || 'ratio: must be a positive number (queued items per worker), got 0'
        2       | [interval: -1]           || 'interval: must be a positive number of seconds or a java.time.Duration, got -1'
    }

    def "caller-supplied boxes are used as they are"() {
        given:
        def inbox = new ArrayBlockingQueue(10)
        def outbox = new ArrayBlockingQueue(10)
        def errbox = new ArrayBlockingQueue(10)

        when:
        def pool = WorkerPool.create(1, [inbox: inbox, outbox: outbox, errbox: errbox, name: 'mine',
                                          threads: 'virtual'])

        then:
        pool.inbox.is(inbox)
        pool.outbox.is(outbox)
        pool.errbox.is(errbox)
        pool.name == 'mine'
        pool.toString() == 'WorkerPool[mine, 1 workers, RUNNING, 0 queued]'

        cleanup:
        pool?.close()
    }

    def "pools get distinct default names"() {
        when:
        def first = WorkerPool.create(0)
        def second = WorkerPool.create(0)

        then:
        first.name ==~ /pool-\d+/
        second.name ==~ /pool-\d+/
        first.name != second.name

        cleanup:
        first?.close()
        second?.close()
    }
}
