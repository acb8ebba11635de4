package io.jobline.pool

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.atomic.AtomicInteger

import static io.jobline.pool.PoolTesting.collect
import static java.util.concurrent.TimeUnit.SECONDS

/** summon, banish and autoscaling of a {@link WorkerPool}. */
@Timeout(60)
class WorkerPoolScalingSpec extends Specification {

    static final Duration WAIT = Duration.ofSeconds(20)

    @AutoCleanup
    WorkerPool pool

    def "random summons, banishes, pauses and restarts while items flow lose nothing (seed #seed)"() {
        given:
        def random = new Random(seed)
        pool = WorkerPool.create(4)
        def work = { int i -> if (i % 50 == 0) { Thread.sleep(1) }; i }
        int total = 20_000
        def producer = Thread.startDaemon { total.times { pool.put(work, [it]) } }

        when: 'every 100 results, the pool is changed at random, always keeping a worker'
        def results = []
        while (results.size() < total) {
            results.addAll(collect(pool.outbox, 100))
            int n = 1 + random.nextInt(4)
            switch (random.nextInt(4)) {
                case 0: pool.summon(n); break
                case 1: pool.banish(Math.min(n, pool.size - 1)); break
                case 2: pool.pause(); pool.resume(); break
                default: pool.stop(false); pool.summon(n)
            }
        }
        producer.join()

        then:
        results.sort() == (0..<total).toList()
        pool.errbox.isEmpty()
        pool.outbox.isEmpty()

        where:
        seed << [1, 2, 3]
    }

    def "banished idle workers leave at once, without waiting for another item"() {
        given: 'three workers, each seen running one item'
        pool = WorkerPool.create(3)
        def allThree = new CyclicBarrier(3)
        3.times { pool.put({ -> allThree.await(20, SECONDS); Thread.currentThread() }, []) }
        List<Thread> threads = collect(pool.outbox, 3)

        when:
        pool.banish(3)
        threads*.join(WAIT.toMillis())

        then:
        threads.every { !it.alive }
        pool.size == 0

        when:
        pool.put({ -> 'nobody takes it' }, [])

        then:
        pool.inbox.size() == 1
    }

    def "banish lets busy workers finish their current item"() {
        given:
        pool = WorkerPool.create(2)
        def gate = new CountDownLatch(1)
        def started = new CountDownLatch(2)
        2.times { pool.put({ -> started.countDown(); gate.await(); 'finished' }, []) }
        assert started.await(20, SECONDS)

        when:
        pool.banish(5)
        gate.countDown()

        then:
        pool.size == 0
        collect(pool.outbox, 2) == ['finished', 'finished']
    }

    def "summon and banish refuse negative counts"() {
        given:
        pool = WorkerPool.create(1)

        when:
        pool."$method"(-1)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "$method: the number of workers must be >= 0, got -1"

        where:
        method << ['summon', 'banish']
    }

    def "autoscaling grows from min to max under a deep queue, and back to min when idle"() {
        given:
        pool = WorkerPool.create(1, [min: 1, max: 6, interval: 0.01])
        def gate = new CountDownLatch(1)
        def sixAtOnce = new CountDownLatch(6)
        def running = new AtomicInteger()
        def peak = new AtomicInteger()
        def work = { int i ->
            peak.accumulateAndGet(running.incrementAndGet(), Math::max)
            sixAtOnce.countDown()
            gate.await()
            running.decrementAndGet()
            i
        }

        when:
        100.times { pool.put(work, [it]) }

        then: 'six items run at once: six workers'
        sixAtOnce.await(20, SECONDS)
        pool.size == 6

        when:
        gate.countDown()
        def results = collect(pool.outbox, 100)

        then:
        results.sort() == (0..<100).toList()
        peak.get() == 6
        pool.awaitSize({ it == 1 }, WAIT)
    }

    def "autoscaling from min 0 grows as soon as items are queued, shrinks to 0, and grows again"() {
        given:
        pool = WorkerPool.create(0, [min: 0, max: 3, interval: 0.01])
        def echo = { x -> x }

        expect:
        pool.size == 0

        when:
        20.times { pool.put(echo, [it]) }

        then:
        collect(pool.outbox, 20).sort() == (0..<20).toList()
        pool.awaitSize({ it == 0 }, WAIT)

        when:
        5.times { pool.put(echo, [it]) }

        then:
        collect(pool.outbox, 5).sort() == (0..<5).toList()
    }

    def "autoscaling keeps at least min workers after a banish"() {
        given:
        pool = WorkerPool.create(2, [min: 2, max: 4, interval: 0.01])

        when:
        pool.banish(2)

        then:
        pool.awaitSize({ it == 2 }, WAIT)
    }
}
