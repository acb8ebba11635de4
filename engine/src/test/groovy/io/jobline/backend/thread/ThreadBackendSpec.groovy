package io.jobline.backend.thread

import io.jobline.backend.BackendSpec
import io.jobline.backend.Backends
import io.jobline.backend.Work
import io.jobline.future.Futures
import io.jobline.future.JobFuture
import io.jobline.future.JobState
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.BlockingQueue
import java.util.concurrent.Callable
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Function

import static io.jobline.ThreadStates.parks

@Timeout(30)
class ThreadBackendSpec extends Specification {

    @AutoCleanup
    ThreadBackend backend = new ThreadBackend(2, false)

    /** A released latch on cleanup, so no test leaves a blocked worker behind. */
    CountDownLatch gate = new CountDownLatch(1)

    def cleanup() {
        gate.countDown()
    }

    static Work work(Callable<?> body) {
        Work.of(body, null, null)
    }

    def "is registered as the 'thread' backend and reads its options"() {
        when:
        def split = BackendSpec.split('thread', [workers: 3, threads: 'platform', cpus: 8])
        def created = split.spec().create()

        then:
        split.rest() == [cpus: 8]
        'thread' in Backends.names()
        created instanceof ThreadBackend
        created.name() == 'thread'
        created.workers == 3
        created.parallelism() == 3
        !created.virtual

        when: 'an option the thread backend lacks, given to it directly'
        Backends.create('thread', [workers: 3, cpus: 8])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "unknown thread backend option 'cpus'; valid: threads, workers"

        when:
        Backends.provider('thread').validate([threads: 'green'])

        then:
        def bad = thrown(IllegalArgumentException)
        bad.message == "threads: must be 'virtual' or 'platform', got green"

        cleanup:
        created?.close()
    }

    def "defaults to one worker per processor"() {
        expect:
        ThreadBackend.create([:]).withCloseable { it.workers } == Runtime.runtime.availableProcessors()
    }

    def "rejects bad options with a clear message: #options"() {
        when:
        ThreadBackend.create(options)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        options               | message
        [workers: 0]          | 'workers: must be a whole number >= 1, got 0'
        [workers: -2]         | 'workers: must be a whole number >= 1, got -2'
        [workers: 1.5]        | 'got 1.5'
        [workers: 'many']     | "got 'many'"
        [threads: 'green']    | "threads: must be 'virtual' or 'platform', got green"
        [worker: 2]           | "unknown thread backend option 'worker'; valid: threads, workers"
    }

    def "runs at most 'workers' calls at once and every call exactly once"() {
        given:
        def running = new AtomicInteger()
        def most = new AtomicInteger()
        def seen = ConcurrentHashMap.newKeySet()
        def firstTwo = new CountDownLatch(2)   // the first two calls wait for each other: they must overlap

        when:
        def futures = (0..<60).collect { i ->
            backend.submit(work {
                most.accumulateAndGet(running.incrementAndGet(), Math::max)
                if (i < 2) {
                    firstTwo.countDown()
                    firstTwo.await()
                }
                Thread.sleep(1) // slow task, so that more calls would overlap if they could
                running.decrementAndGet()
                assert seen.add(i)
                i * 10
            })
        }

        then:
        futures*.get() == (0..<60).collect { it * 10 }
        most.get() == 2
        seen.size() == 60
    }

    def "accepts many submissions from many threads, and none is lost"() {
        given:
        def pool = Executors.newFixedThreadPool(8)
        def many = new ThreadBackend(4, false)

        when:
        def perThread = (0..<8).collect { t ->
            pool.submit({
                (0..<2000).collect { i -> many.submit(work { [t, i] }) }
            } as Callable<List<JobFuture<Object>>>)
        }*.get()
        def all = perThread.flatten()

        then:
        perThread.withIndex().every { futures, t -> futures*.get() == (0..<2000).collect { [t, it] } }
        all*.jobId.toSet().size() == 16000
        all.every { it.state == JobState.DONE && it.node.toString().startsWith('jobline-thread') }

        cleanup:
        pool.shutdown()
        many.close()
    }

    def "a future is PENDING, then RUNNING on a named worker, then DONE; each submit has its own job id"() {
        given:
        def started = new CountDownLatch(1)
        def serial = new ThreadBackend(1, false)
        def blocker = serial.submit(work { started.countDown(); gate.await(); 'first' })
        def queued = serial.submit(Work.of({ 'second' } as Callable, null, [name: 'the second']))

        expect:
        started.await(5, TimeUnit.SECONDS)
        blocker.state == JobState.RUNNING
        blocker.node ==~ /jobline-thread\d+-1/
        queued.state == JobState.PENDING
        queued.node == null
        queued.name == 'the second'
        blocker.jobId ==~ /\d+/
        queued.jobId == ((blocker.jobId as long) + 1).toString()
        queued.workId == null

        when:
        gate.countDown()

        then:
        queued.get() == 'second'
        queued.state == JobState.DONE
        queued.toString() == "JobFuture[the second, job ${queued.jobId}, DONE]".toString()
        blocker.result == 'first'

        cleanup:
        serial.close()
    }

    def "a call's exception fails its future with that very exception and its stack trace"() {
        given:
        def boom = new IOException('disk on fire')

        when:
        def future = backend.submit(work { throw boom })
        future.get()

        then:
        def e = thrown(ExecutionException)
        e.cause.is(boom)
        e.cause.stackTrace.any { it.className.startsWith(ThreadBackendSpec.name) }
        future.state == JobState.FAILED
        future.exception.is(boom)

        when:
        future.result

        then:
        def direct = thrown(IOException)
        direct.is(boom)
    }

    def "cancelling a PENDING future means its call never runs"() {
        given:
        def serial = new ThreadBackend(1, false)
        def started = new CountDownLatch(1)
        def ran = new AtomicInteger()
        def blocker = serial.submit(work { started.countDown(); gate.await(); 'blocker' })
        started.await()
        def pending = serial.submit(work { ran.incrementAndGet() })
        def after = serial.submit(work { 'after' })

        when:
        def cancelled = pending.cancel(true)
        gate.countDown()

        then:
        cancelled
        pending.state == JobState.CANCELLED
        after.get() == 'after'   // the worker went past the cancelled call
        blocker.get() == 'blocker'
        ran.get() == 0

        when:
        pending.get()

        then:
        thrown(CancellationException)

        cleanup:
        serial.close()
    }

    def "cancelled PENDING futures are not kept in the queue: 10,000 cancelled behind a busy worker leave at most a few"() {
        given:
        def serial = new ThreadBackend(1, false)
        def started = new CountDownLatch(1)
        def ran = new AtomicInteger()
        def blocker = serial.submit(work { started.countDown(); gate.await(); 'blocker' })
        started.await()
        def futures = serial.submitBatch((1..10_000).collect { work { ran.incrementAndGet() } }, [:])
        def last = serial.submit(work { 'last' })

        when: 'cancelled from the last back, the order that made removal from the queue cost the most'
        futures.reverse().each { it.cancel(false) }

        then: 'the queue holds the live task and fewer cancelled ones than the compaction threshold'
        serial.@queue.size() <= 64

        when:
        gate.countDown()

        then:
        last.get() == 'last'
        blocker.get() == 'blocker'
        ran.get() == 0

        cleanup:
        serial.close()
    }

    def "cancel(true) of a RUNNING future interrupts its call, and only that call"() {
        given:
        def serial = new ThreadBackend(1, false)
        def started = new CountDownLatch(1)
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>()
        def running = serial.submit(work {
            started.countDown()
            try {
                new CountDownLatch(1).await()
            } catch (InterruptedException e) {
                outcome.put(e)
            }
        })
        def next = serial.submit(work { Thread.currentThread().isInterrupted() })

        when:
        started.await()
        def cancelled = running.cancel(true)

        then:
        cancelled
        running.state == JobState.CANCELLED
        outcome.poll(5, TimeUnit.SECONDS) instanceof InterruptedException
        next.get() == false   // the next call on the same worker starts without the interrupt

        cleanup:
        serial.close()
    }

    def "cancel(false) of a RUNNING future lets the call finish without interrupting it"() {
        given:
        def started = new CountDownLatch(1)
        BlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>()
        def running = backend.submit(work {
            started.countDown()
            gate.await()
            interrupted.put(Thread.currentThread().isInterrupted())
        })

        when:
        started.await()
        running.cancel(false)
        gate.countDown()

        then:
        running.state == JobState.CANCELLED
        interrupted.poll(5, TimeUnit.SECONDS) == false
    }

    def "a call that interrupts itself does not kill its worker"() {
        given:
        def serial = new ThreadBackend(1, false)

        when:
        def first = serial.submit(work { Thread.currentThread().interrupt(); 'first' })
        def second = serial.submit(work { Thread.currentThread().isInterrupted() ? 'interrupted' : 'clean' })

        then:
        first.get() == 'first'
        second.get() == 'clean'

        cleanup:
        serial.close()
    }

    def "a batch is one round: one job id, work ids by index, results in order"() {
        when:
        def works = (0..<5).collect { i -> work { i * i } }
        def futures = backend.submitBatch(works, [name: 'squares'])
        def single = backend.submit(work { 'alone' })

        then:
        futures.size() == 5
        futures*.get() == [0, 1, 4, 9, 16]
        futures*.jobId.toSet().size() == 1
        futures*.workId == ['0', '1', '2', '3', '4']
        single.jobId != futures[0].jobId
        single.workId == null
    }

    def "call() runs inline on the calling thread and throws the call's own exception"() {
        given:
        def caller = Thread.currentThread()
        def boom = new IllegalStateException('inline')

        expect:
        backend.call(Work.of({ x -> [x, Thread.currentThread()] } as Function, [7] as Object[], null)) == [7, caller]

        when:
        backend.call(work { throw boom })

        then:
        def e = thrown(IllegalStateException)
        e.is(boom)
    }

    def "close() cancels queued work, interrupts running work, leaves no future unfinished and rejects more"() {
        given:
        def pair = new ThreadBackend(2, false)
        def started = new CountDownLatch(2)
        def running = (0..<2).collect {
            pair.submit(work {
                started.countDown()
                new CountDownLatch(1).await()   // only an interrupt ends this
            })
        }
        started.await()
        def ran = new AtomicInteger()
        def queued = (0..<20).collect { pair.submit(work { ran.incrementAndGet() }) }

        when:
        pair.close()
        pair.close()   // idempotent

        then:
        queued.every { it.state == JobState.CANCELLED }
        running.every { future ->
            try {
                future.get(5, TimeUnit.SECONDS)
                false
            } catch (ExecutionException e) {
                e.cause instanceof InterruptedException
            }
        }
        ran.get() == 0

        when:
        pair.submit(work { 'late' })

        then:
        def e = thrown(IllegalStateException)
        e.message.contains('closed')

        when:
        pair.call(work { 'late' })

        then:
        thrown(IllegalStateException)
    }

    def "drain() refuses new work, lets queued work run and returns when every future is final"() {
        given:
        def serial = new ThreadBackend(1, false)
        def started = new CountDownLatch(1)
        def first = serial.submit(work { started.countDown(); gate.await(); 'first' })
        started.await()
        def queued = (0..<10).collect { i -> serial.submit(work { i }) }

        when:
        def drainer = Thread.start { serial.drain(false) }
        parks(drainer)   // waiting for the worker: the backend is draining
        serial.submit(work { 'late' })

        then:
        def e = thrown(IllegalStateException)
        e.message.contains('closed')

        when:
        gate.countDown()
        drainer.join(5000)

        then:
        !drainer.alive
        first.get() == 'first'
        queued*.get() == (0..<10).toList()
        serial.toString().contains('draining')

        cleanup:
        serial.close()
    }

    def "drain(true) cancels queued work and waits for the running call"() {
        given:
        def serial = new ThreadBackend(1, false)
        def started = new CountDownLatch(1)
        def ran = new AtomicInteger()
        def first = serial.submit(work { started.countDown(); gate.await(); 'first' })
        started.await()
        def queued = (0..<10).collect { serial.submit(work { ran.incrementAndGet() }) }

        when:
        def draining = CompletableFuture.runAsync { serial.drain(true) }
        Futures.waitAll(queued)   // cancelled before drain waits
        gate.countDown()
        draining.get(5, TimeUnit.SECONDS)

        then:
        queued.every { it.state == JobState.CANCELLED }
        first.get() == 'first'
        ran.get() == 0

        cleanup:
        serial.close()
    }

    def "close() during a drain cancels what is left and ends the drain"() {
        given:
        def serial = new ThreadBackend(1, false)
        def started = new CountDownLatch(1)
        def first = serial.submit(work { started.countDown(); new CountDownLatch(1).await() })
        started.await()
        def queued = serial.submit(work { 'never' })
        def draining = CompletableFuture.runAsync { serial.drain(false) }

        when:
        serial.close()
        draining.get(5, TimeUnit.SECONDS)

        then:
        queued.state == JobState.CANCELLED
        first.exception instanceof InterruptedException
    }

    def "close() racing with many submitters never leaves a future hanging"() {
        given:
        def trio = new ThreadBackend(3, false)
        def pool = Executors.newFixedThreadPool(4)
        def go = new CountDownLatch(1)
        def submitters = (0..<4).collect {
            pool.submit({
                go.await()
                def mine = []
                try {
                    for (i in 0..<5000) {
                        mine << trio.submit(work { i })
                    }
                } catch (IllegalStateException ignored) {
                    // closed under us: expected
                }
                mine
            } as Callable<List<JobFuture<Object>>>)
        }

        when:
        go.countDown()
        trio.close()
        def futures = submitters*.get().flatten()

        then:
        futures.every { f ->
            try {
                f.get(5, TimeUnit.SECONDS)
                true
            } catch (CancellationException ignored) {
                true
            }
        }

        cleanup:
        pool.shutdown()
    }

    @Requires({ Runtime.version().feature() >= 21 })
    def "threads: 'virtual' runs calls on virtual threads on JDK 21+"() {
        given:
        def virtualThreads = ThreadBackend.create([workers: 4, threads: 'virtual'])

        when:
        def futures = (0..<100).collect { i -> virtualThreads.submit(work { [i, Thread.currentThread().isVirtual()] }) }

        then:
        virtualThreads.virtual
        futures*.get() == (0..<100).collect { [it, true] }
        futures[0].node.toString().startsWith('jobline-thread')

        cleanup:
        virtualThreads.close()
    }

    @Requires({ Runtime.version().feature() < 21 })
    def "threads: 'virtual' falls back to platform threads before JDK 21"() {
        given:
        def fallback = ThreadBackend.create([workers: 2, threads: 'virtual'])

        expect:
        !fallback.virtual
        fallback.submit(work { 'fine' }).get() == 'fine'

        cleanup:
        fallback.close()
    }
}
