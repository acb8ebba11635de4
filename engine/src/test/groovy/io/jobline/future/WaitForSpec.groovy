package io.jobline.future

import io.jobline.executor.JobExecutor
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.BlockingQueue
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.Future
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.function.Function

import static io.jobline.ThreadStates.parks
import static io.jobline.future.Futures.waitFor

@Timeout(30)
class WaitForSpec extends Specification {

    @AutoCleanup
    JobExecutor ex = JobExecutor.create(workers: 4)

    CountDownLatch gate = new CountDownLatch(1)

    def cleanup() {
        gate.countDown()
    }

    static JobFuture<Object> done(Object value) {
        def f = new JobFuture<Object>()
        f.complete(value)
        f
    }

    def "without a concurrency it yields futures as they finish, removes them from the list in place, and ends"() {
        given:
        def fs = (0..<4).collect { new JobFuture<Object>("f$it") }
        def inFlight = new ArrayList<JobFuture<Object>>(fs)
        BlockingQueue<List> yielded = new LinkedBlockingQueue<>()
        def consumer = CompletableFuture.runAsync {
            for (f in waitFor(inFlight)) {
                yielded.put([f, inFlight.size()])
            }
        }

        expect:
        [2, 0, 3, 1].every { i ->
            fs[i].complete(i)
            def (f, left) = yielded.take()
            f.is(fs[i]) && left == 3 - [2, 0, 3, 1].indexOf(i)
        }
        consumer.get(5, TimeUnit.SECONDS) == null
        yielded.empty
        inFlight.empty
    }

    def "futures that are final together come in list order"() {
        given:
        def fs = (0..<5).collect { done(it) }
        def inFlight = new ArrayList(fs)

        expect:
        waitFor(inFlight).toList() == fs
        inFlight.empty
        waitFor([]).toList() == []
    }

    def "with a concurrency it asks for work with null until that many are in flight (inparallel's example)"() {
        given:
        def servers = (1..12).collect { "server$it".toString() }
        def threeInFlight = new CountDownLatch(1)   // the calls wait until the concurrency has been reached once
        def getOS = { String server -> threeInFlight.await(); "uname of $server".toString() } as Function
        def inFlight = []
        def results = []
        def elements = []
        def most = 0

        when:
        for (future in waitFor(inFlight, 3)) {
            elements << future
            if (future != null) {
                results << future.get()
            } else if (servers) {
                inFlight << ex.submit(getOS, servers.remove(0))
            }
            most = Math.max(most, inFlight.size())
            if (most == 3) {
                threeInFlight.countDown()
            }
        }

        then:
        results.sort() == (1..12).collect { "uname of server$it".toString() }.sort()
        most == 3
        elements.count { it == null } >= 12
        elements.last() == null   // the one last request, answered with nothing
        inFlight.empty
    }

    def "with a concurrency it blocks, instead of spinning, while the caller has nothing to add"() {
        given:
        def blocked = ex.submit({ x -> gate.await(); x } as Function, 'released')
        def inFlight = []
        def elements = Collections.synchronizedList([])
        def noMoreWork = new CountDownLatch(1)
        Thread consumer = Thread.start {
            for (f in waitFor(inFlight, 2)) {
                elements << (f == null ? null : f.get())
                if (f == null && !elements.contains('added')) {
                    inFlight << blocked
                    elements << 'added'
                } else if (f == null) {
                    noMoreWork.countDown()
                }
            }
        }

        when: 'the caller answered the second null with nothing: waitFor must park until the future finishes'
        noMoreWork.await()

        then:
        parks(consumer)
        elements == [null, 'added', null]

        when:
        gate.countDown()
        consumer.join(5000)

        then: 'the future, then a request for more, which ends the loop when unanswered'
        !consumer.alive
        elements == [null, 'added', null, 'released', null]
        inFlight.empty
    }

    def "without a concurrency it also blocks instead of spinning"() {
        given:
        def inFlight = [ex.submit({ x -> gate.await(); x } as Function, 'late')]
        def seen = []
        Thread consumer = Thread.start {
            for (f in waitFor(inFlight)) {
                seen << f.get()
            }
        }

        expect:
        parks(consumer)
        seen.empty

        when:
        gate.countDown()
        consumer.join(5000)

        then:
        !consumer.alive
        seen == ['late']
    }

    def "futures the caller adds while iterating are picked up"() {
        given:
        def inFlight = [done('a')]
        def seen = []

        when:
        for (f in waitFor(inFlight)) {
            seen << f.get()
            if (seen.size() < 5) {
                inFlight << ex.submit({ x -> x } as Function, "next${seen.size()}".toString())
            }
        }

        then:
        seen == ['a', 'next1', 'next2', 'next3', 'next4']
    }

    def "a future the caller takes out of the list is no longer waited for"() {
        given:
        def never = new JobFuture<Object>('never')
        def inFlight = [never, done('x')]
        def seen = []

        when:
        for (f in waitFor(inFlight)) {
            seen << f.get()
            inFlight.remove(never)
        }

        then:
        seen == ['x']
        inFlight.empty
    }

    def "keeps up to the concurrency in flight through a thousand tasks"() {
        given:
        def inFlight = []
        def next = 0
        def results = []
        def most = 0
        def tenInFlight = new CountDownLatch(1)
        def twice = { x -> tenInFlight.await(); x * 2 } as Function

        when:
        for (f in waitFor(inFlight, 10)) {
            if (f != null) {
                results << f.get()
            } else if (next < 1000) {
                inFlight << ex.submit(twice, next++)
            }
            most = Math.max(most, inFlight.size())
            if (most == 10) {
                tenInFlight.countDown()
            }
        }

        then:
        results.sort() == (0..<1000).collect { it * 2 }
        most == 10
    }

    def "works with futures that are not CompletionStages, such as FutureTasks"() {
        given:
        def pool = Executors.newFixedThreadPool(2)
        def gates = (0..<3).collect { new CountDownLatch(1) }
        List<Future> inFlight = (0..<3).collect { i -> pool.submit({ gates[i].await(); i } as java.util.concurrent.Callable) }
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>()
        def consumer = CompletableFuture.runAsync { waitFor(inFlight).each { seen.put(it.get()) } }

        expect:
        [1, 0, 2].every { i ->
            gates[i].countDown()
            seen.take() == i
        }
        consumer.get(5, TimeUnit.SECONDS) == null

        cleanup:
        pool.shutdownNow()
    }

    def "Groovy's named argument form: waitFor(inFlight, concurrency: 2)"() {
        given:
        def inFlight = []
        def asked = 0

        when:
        for (f in Futures.waitFor(inFlight, concurrency: 2)) {
            if (f == null && ++asked <= 3) {
                inFlight << done(asked)
            }
        }

        then:
        asked == 4
        inFlight.empty
    }

    def "bad arguments are rejected clearly"() {
        when:
        call()

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        call                                           | message
        ({ -> waitFor([], 0) })                        | 'concurrency: must be a whole number >= 1, got 0'
        ({ -> waitFor(null, 2) })                      | 'inFlight: must be a mutable List of futures, got null'
        ({ -> Futures.waitFor([], concurency: 2) })    | "unknown waitFor option 'concurency'; valid: concurrency"
        ({ -> Futures.waitFor([], concurrency: 1.5) }) | 'concurrency: must be a whole number >= 1, got 1.5'
    }

    def "an interrupted waitFor throws CancellationException and keeps the interrupt"() {
        given:
        def inFlight = [new JobFuture<Object>()]
        def outcome = new CompletableFuture<List>()
        def consumer = Thread.start {
            try {
                waitFor(inFlight).iterator().hasNext()
            } catch (CancellationException e) {
                outcome.complete([e.message, Thread.currentThread().isInterrupted()])
            }
        }

        when:
        parks(consumer)
        consumer.interrupt()

        then:
        outcome.get(5, TimeUnit.SECONDS) == ['waitFor: interrupted while waiting', true]
    }
}
