package io.jobline.pool

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.CountDownLatch
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

import static io.jobline.pool.PoolTesting.collect
import static io.jobline.pool.PoolTesting.within
import static java.util.concurrent.TimeUnit.MILLISECONDS
import static java.util.concurrent.TimeUnit.SECONDS

/** pause, resume, stop and exile of a {@link WorkerPool}: nothing is lost and nothing hangs. */
@Timeout(60)
class WorkerPoolLifecycleSpec extends Specification {

    @AutoCleanup
    WorkerPool pool

    def "a paused pool finishes what it took and takes nothing more until resumed"() {
        given:
        pool = WorkerPool.create(4)
        def gate = new CountDownLatch(1)
        def started = new CountDownLatch(4)
        4.times { pool.put({ -> started.countDown(); gate.await(); 'early' }, []) }
        assert started.await(20, SECONDS)

        when:
        pool.pause()
        def lateRan = new CountDownLatch(1)
        100.times { pool.put({ -> lateRan.countDown(); 'late' }, []) }
        gate.countDown()

        then: 'the four running items finish, the queued ones stay queued'
        collect(pool.outbox, 4) == ['early'] * 4
        pool.paused
        !lateRan.await(200, MILLISECONDS)
        pool.inbox.size() == 100

        when:
        pool.resume()

        then:
        collect(pool.outbox, 100) == ['late'] * 100
    }

    def "pause holds back workers that were already waiting on the inbox (repeated to catch races)"() {
        given:
        pool = WorkerPool.create(4)
        def echo = { x -> x }

        expect:
        300.times { round ->
            4.times { pool.put(echo, [round]) }
            assert collect(pool.outbox, 4) == [round] * 4   // the workers are back on the inbox
            pool.pause()
            10.times { pool.put(echo, [round]) }
            assert pool.inbox.size() == 10
            pool.resume()
            assert collect(pool.outbox, 10) == [round] * 10
        }
    }

    def "stop(true) finishes every queued item, then the workers are gone"() {
        given:
        pool = WorkerPool.create(4)
        1000.times { pool.put({ x -> x + 1 }, [it]) }

        when:
        pool.stop(true)

        then:
        pool.outbox.size() == 1000
        pool.inbox.isEmpty()
        pool.errbox.isEmpty()
        pool.size == 0
        !pool.exiled

        when: 'an item put after stop stays in the inbox until a summon starts the pool again'
        Boxes.drain(pool.outbox)
        pool.put({ -> 'after stop' }, [])

        then:
        pool.inbox.size() == 1

        when:
        pool.summon(2)

        then:
        pool.outbox.poll(20, SECONDS) == 'after stop'
        pool.size == 2
    }

    def "items put after stop stay in the inbox, also while the workers are still busy"() {
        given:
        pool = WorkerPool.create(2)
        def gate = new CountDownLatch(1)
        def started = new CountDownLatch(2)
        2.times { pool.put({ -> started.countDown(); gate.await(); 'running' }, []) }
        assert started.await(20, SECONDS)
        10.times { pool.put({ -> 'queued' }, []) }

        when:
        pool.stop(false)
        5.times { pool.put({ -> 'late' }, []) }
        gate.countDown()
        within { pool.exile(true) }

        then:
        Boxes.drain(pool.outbox).countBy { it } == [running: 2, queued: 10]
        pool.inbox.size() == 5
    }

    def "stop against a running producer: what was queued at stop is done, what came after stays (#round)"() {
        given:
        pool = WorkerPool.create(3)
        def stopped = new AtomicBoolean()
        def putAfterStop = new AtomicInteger(-1)
        def flowing = new CountDownLatch(100)
        def echo = { x -> x }
        def producer = Thread.startDaemon {
            for (int i = 0; i < 5000; i++) {
                if (stopped.get() && putAfterStop.get() < 0) {
                    putAfterStop.set(i)
                }
                pool.put(echo, [i])
                flowing.countDown()
            }
        }

        when:
        assert flowing.await(20, SECONDS)
        pool.stop(true)
        stopped.set(true)
        producer.join()
        def done = Boxes.drain(pool.outbox).sort()
        def left = Boxes.drain(pool.inbox).collect { it[1][0] }

        then: 'nothing is lost, the done items are the oldest ones, none put after stop ran'
        done + left == (0..<5000).toList()
        putAfterStop.get() < 0 || done.size() <= putAfterStop.get()
        pool.errbox.isEmpty()

        where:
        round << (1..10)
    }

    def "exile(true) never hangs: #situation"() {
        given:
        pool = WorkerPool.create(workers, [workerSetup: setup])
        def echo = { Map named, x -> x }

        when:
        prepare(pool)
        20.times { pool.put(echo, [it]) }
        within { pool.exile(true) }

        then:
        pool.exiled
        pool.inbox.isEmpty()
        pool.outbox.size() + pool.errbox.size() == 20 + extra
        pool.size == 0

        where:
        situation                          | workers | setup                              | extra | prepare
        'a paused pool'                    | 2       | { i -> i }                         | 0     | { WorkerPool p -> p.pause() }
        'a pool without workers'           | 0       | { i -> i }                         | 0     | { WorkerPool p -> }
        'every worker banished'            | 3       | { i -> i }                         | 0     | { WorkerPool p -> p.banish(3) }
        'a failing workerSetup'            | 2       | { i -> throw new Error('setup') }  | 0     | { WorkerPool p -> }
        'malformed items in the inbox'     | 2       | { i -> i }                         | 3     | { WorkerPool p -> p.inbox.addAll(['x', [], [1]]) }
    }

    def "a function may exile its own pool without waiting for itself"() {
        given:
        pool = WorkerPool.create(2)
        def self = pool

        when:
        pool.put({ -> self.exile(true); 'exiled from inside' }, [])

        then:
        pool.outbox.poll(20, SECONDS) == 'exiled from inside'
        within { pool.exile(true); pool.exiled }
    }

    def "functions of two workers stopping their pool at the same time do not wait for each other"() {
        given:
        pool = WorkerPool.create(2)
        def self = pool
        def both = new CyclicBarrier(2)

        when:
        2.times { pool.put({ -> both.await(20, SECONDS); self.stop(true); 'stopped' }, []) }

        then:
        collect(pool.outbox, 2) == ['stopped', 'stopped']
        within { pool.exile(true); pool.size }  == 0
    }

    def "exile ends even while a producer keeps putting to the inbox"() {
        given:
        pool = WorkerPool.create(2)
        def inbox = pool.inbox
        def producing = new AtomicBoolean(true)
        def flowing = new CountDownLatch(100)
        def producer = Thread.startDaemon {
            int i = 0
            while (producing.get()) {
                inbox.put([{ x -> x }, [i++]])
                flowing.countDown()
            }
        }

        when:
        assert flowing.await(20, SECONDS)
        within { pool.exile(true) }
        producing.set(false)
        producer.join()

        then:
        pool.size == 0
        pool.exiled
    }

    def "an exiled pool cannot summon; stop, exile and close stay harmless"() {
        given:
        pool = WorkerPool.create(2)

        when:
        pool.withCloseable { }
        pool.stop(true)
        pool.exile(false)
        pool.pause()
        pool.resume()
        pool.banish(1)

        then:
        pool.exiled
        pool.size == 0

        when:
        pool.summon(1)

        then:
        def e = thrown(IllegalStateException)
        e.message == "pool ${pool.name} is exiled; it cannot summon workers"
    }
}
