package io.jobline.executor

import io.jobline.backend.thread.ThreadBackend
import io.jobline.function.JobFunction
import io.jobline.future.Futures
import io.jobline.future.JobState
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.BiFunction
import java.util.function.Function
import java.util.stream.IntStream
import java.util.stream.Stream

import static io.jobline.ThreadStates.parks

@Timeout(30)
class JobExecutorSpec extends Specification {

    @AutoCleanup
    JobExecutor ex = JobExecutor.create(workers: 2)

    CountDownLatch gate = new CountDownLatch(1)

    def cleanup() {
        gate.countDown()
    }

    static Function<Object, Object> fn(Closure<?> body) {
        body as Function
    }

    /**
     * An executor that created its backend (which then waits for the work at close), or one on a backend it was given
     * (then the executor keeps track of its futures itself).
     */
    static JobExecutor executorOn(String backend, int workers) {
        backend == 'its own' ? JobExecutor.create(workers: workers) : new JobExecutor(new ThreadBackend(workers, false), [:])
    }

    /** An input that never ends and counts how many items were read from it. */
    static Iterator<Integer> counting(AtomicInteger pulled) {
        [hasNext: { true }, next: { pulled.getAndIncrement() }] as Iterator<Integer>
    }

    def "create() gives the backend its options and keeps every other option as a job default"() {
        when:
        def executor = JobExecutor.create(backend: 'thread', workers: 3, threads: 'platform', cpus: 4, name: 'job')

        then:
        executor.backend instanceof ThreadBackend
        executor.backend.workers == 3
        executor.defaults == [cpus: 4, name: 'job']

        cleanup:
        executor.close()
    }

    def "create() rejects an unknown backend and a bad backend option"() {
        when:
        JobExecutor.create(options)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        options              | message
        [backend: 'farm']    | "unknown backend 'farm'; available: process, qube, slurm, thread"
        [backend: 42]        | 'backend: must be a backend name (process, qube, slurm, thread'
        [workers: 0]         | 'workers: must be a whole number >= 1, got 0'
    }

    def "job defaults reach every work item and a call's named options override them"() {
        given:
        def recording = new RecordingBackend()
        def executor = new JobExecutor(recording, [cpus: 2, groups: 'farm'])

        when:
        def plain = executor.submit(fn { it + 1 }, 1)
        def named = executor.submit(fn { it * 2 }, 5, name: 'double', cpus: 8)

        then:
        plain.get() == 2
        named.get() == 10
        named.name == 'double'
        recording.submitted*.options == [[cpus: 2, groups: 'farm'], [cpus: 8, groups: 'farm', name: 'double']]
        recording.submitted*.args == [[1] as Object[], [5] as Object[]]

        when: 'the backend was given, so it stays the caller\'s'
        executor.close()

        then:
        !recording.closed

        cleanup:
        recording.close()
    }

    def "a backend instance can be passed as the backend option"() {
        given:
        def recording = new RecordingBackend()

        when:
        def executor = JobExecutor.create(backend: recording, cpus: 1)

        then:
        executor.backend.is(recording)
        executor.defaults == [cpus: 1]
        executor.submit({ a, b -> a + b } as BiFunction, 2, 3).get() == 5

        cleanup:
        executor.close()
        recording.close()
    }

    def "many threads submit at once; every result comes back to its future (#backend)"() {
        given:
        def pool = Executors.newFixedThreadPool(8)
        def executor = executorOn(backend, 3)

        when:
        def perThread = (0..<8).collect { t ->
            pool.submit({ (0..<1000).collect { i -> executor.submit({ a, b -> [a, b] } as BiFunction, t, i) } } as Callable)
        }*.get()
        executor.close()

        then:
        perThread.flatten().every { it.done }
        perThread.withIndex().every { futures, t -> futures*.get() == (0..<1000).collect { [t, it] } }

        cleanup:
        pool.shutdown()
        executor.backend.close()

        where:
        backend << ['its own', 'a given one']
    }

    def "a function's exception is the cause from get(), with its original stack trace"() {
        given:
        def boom = new IllegalArgumentException('bad input')

        when:
        ex.submit(fn { throw boom }, 1).get()

        then:
        def e = thrown(ExecutionException)
        e.cause.is(boom)
        e.cause.stackTrace.any { it.className.startsWith(JobExecutorSpec.name) }
    }

    def "map returns results in input order, with and without chunks, from any kind of input"() {
        given:
        def slowSquare = fn { Thread.sleep(it % 3); it * it }

        expect:
        ex.map(slowSquare, input, chunk: chunk).toList() == (0..<n).collect { it * it }

        where:
        input                                  | chunk | n
        0..<200                                | 1     | 200
        0..<200                                | 7     | 200
        (0..<50).iterator()                    | 4     | 50
        Stream.iterate(0) { it + 1 }.limit(30) | 3     | 30
        [0, 1, 2, 3] as Integer[]              | 2     | 4
        IntStream.range(0, 5).toArray()        | 10    | 5
        []                                     | 3     | 0
    }

    def "map reads its input lazily and keeps a bounded number of chunks in flight"() {
        given:
        def pulled = new AtomicInteger()
        def calls = new CountDownLatch(18)

        when:
        def results = ex.map(fn { calls.countDown(); it }, counting(pulled), chunk: 3, lookahead: 4)

        then: 'the first look-ahead is read at once'
        pulled.get() == 12

        when: 'two chunks are consumed, each making room for one more'
        def first = (0..<5).collect { results.next() }

        then:
        first == [0, 1, 2, 3, 4]
        pulled.get() == 18

        when: 'the consumer pauses while everything in flight runs to its end'
        calls.await()

        then: 'nothing more was read'
        pulled.get() == 18

        cleanup:
        results.close()
    }

    def "map's default look-ahead is twice the backend's workers"() {
        given:
        def pulled = new AtomicInteger()

        when:
        def results = ex.map(fn { it }, counting(pulled))

        then:
        pulled.get() == 4
        results.take(100).toList() == (0..<100).toList()
        pulled.get() <= 104

        cleanup:
        results.close()
    }

    def "closing a map early cancels what it has in flight"() {
        given:
        def started = new CountDownLatch(1)
        def interrupted = new CountDownLatch(1)
        def results = ex.map(fn { i ->
            if (i == 0) {
                return 'first'
            }
            started.countDown()
            try {
                gate.await()
            } catch (InterruptedException e) {
                interrupted.countDown()
            }
            i
        }, counting(new AtomicInteger()))

        when:
        def first = results.next()
        started.await()
        results.close()

        then:
        first == 'first'
        interrupted.await(5, TimeUnit.SECONDS)
        !results.hasNext()

        when:
        results.next()

        then:
        thrown(NoSuchElementException)
    }

    def "closing a map from another thread ends a next() that is waiting"() {
        given:
        def results = ex.map(fn { gate.await(); it }, [1, 2])
        def outcome = new CompletableFuture<Throwable>()
        def consumer = Thread.start {
            try {
                results.next()
            } catch (CancellationException e) {
                outcome.complete(e)
            }
        }

        when:
        parks(consumer)   // blocked in next()
        results.close()

        then:
        outcome.get(5, TimeUnit.SECONDS).message == 'the map was closed'
        !results.hasNext()

        when:
        results.next()

        then:
        def e = thrown(NoSuchElementException)
        e.message == 'the map was closed'
    }

    def "map's timeout counts from the call, throws a timeout from next() and cancels what is in flight"() {
        given:
        def interrupted = new CountDownLatch(1)
        def slowAfterOne = fn { i ->
            if (i >= 2) {
                try {
                    gate.await()
                } catch (InterruptedException e) {
                    interrupted.countDown()
                }
            }
            i
        }

        when:
        long start = System.nanoTime()
        def results = ex.map(slowAfterOne, 0..<10, timeout: timeout)
        def got = [results.next(), results.next()]
        results.next()

        then:
        def e = thrown(CompletionException)
        e.cause instanceof TimeoutException
        e.cause.message.contains('timeout')
        System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200)
        got == [0, 1]
        interrupted.await(5, TimeUnit.SECONDS)
        !results.hasNext()

        where:
        timeout << [0.2, Duration.ofMillis(200)]
    }

    def "an item's exception comes from next() after the results before it, and stops the map"() {
        given:
        def boom = new IllegalStateException('item 5')
        def highest = new AtomicInteger(-1)
        def pulled = new AtomicInteger()
        def results = ex.map(fn { i ->
            highest.accumulateAndGet(i, Math::max)
            if (i == 5) {
                throw boom
            }
            i
        }, counting(pulled), chunk: chunk, lookahead: 3)

        when:
        def got = []
        while (results.hasNext()) {
            got << results.next()
        }

        then:
        def e = thrown(IllegalStateException)
        e.is(boom)
        got == [0, 1, 2, 3, 4]
        !results.hasNext()
        pulled.get() <= (6 + 3) * chunk   // the input was not read on after the failure

        where:
        chunk << [1, 4]
    }

    def "a checked exception from an item is wrapped in a CompletionException"() {
        given:
        def boom = new IOException('checked')

        when:
        ex.map({ Object[] args -> throw boom } as JobFunction, [1]).next()

        then:
        def e = thrown(CompletionException)
        e.cause.is(boom)
    }

    def "an exception from the input comes after the results of the items read before it"() {
        given:
        def broken = new IllegalStateException('input broke')
        def read = 0
        def input = [hasNext: { true }, next: { if (read == 3) { throw broken }; read++ }] as Iterator

        when:
        def results = ex.map(fn { it * 10 }, input, chunk: chunk)
        def got = []
        while (results.hasNext()) {
            got << results.next()
        }

        then:
        def e = thrown(IllegalStateException)
        e.is(broken)
        got == [0, 10, 20]

        where:
        chunk << [1, 2, 5]
    }

    def "spread: true spreads a List or array item into the arguments"() {
        given:
        def add = { a, b -> a + b } as BiFunction

        expect:
        ex.map(add, [[1, 2], [3, 4], [5, 6] as Object[]], spread: true, chunk: chunk).toList() == [3, 7, 11]
        ex.map(fn { it.size() }, [[1, 2], [3]], chunk: chunk).toList() == [2, 1]

        where:
        chunk << [1, 2]
    }

    def "map's own options are checked: #options"() {
        when:
        ex.map(options, fn { it }, [1])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        options            | message
        [chunk: 0]         | 'chunk: must be a whole number >= 1, got 0'
        [chunk: 2.5]       | 'chunk: must be a whole number >= 1, got 2.5'
        [lookahead: 0]     | 'lookahead: must be a whole number >= 1, got 0'
        [timeout: -1]      | 'timeout: must be a positive number of seconds or a java.time.Duration, got -1'
        [timeout: 'soon']  | "timeout: must be a positive number of seconds or a java.time.Duration, got 'soon'"
        [spread: 'yes']    | "spread: must be true or false, got 'yes'"
    }

    def "map rejects what it cannot iterate or call"() {
        when:
        ex.map(fn, items)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        fn                       | items | message
        ({ it } as Function)     | 42    | 'map items: expected an Iterable, Iterator, Stream, array or Map, got a java.lang.Integer (42)'
        'not callable'           | [1]   | 'not a function: a java.lang.String (not callable)'
    }

    def "map's other options are job options for each task"() {
        given:
        def recording = new RecordingBackend()
        def executor = new JobExecutor(recording, [cpus: 2])

        when:
        def results = executor.map(fn { it }, [1, 2, 3], chunk: 2, name: 'mapping').toList()

        then:
        results == [1, 2, 3]
        recording.submitted*.options == [[cpus: 2, name: 'mapping']] * 2
        recording.submitted*.args*.toList() == [[1, 2], [3]]

        cleanup:
        executor.close()
        recording.close()
    }

    def "close() waits for everything submitted to finish (#backend)"() {
        given:
        def executor = executorOn(backend, 2)
        def started = new CountDownLatch(2)
        def futures = (0..<2000).collect { i -> executor.submit(fn { started.countDown(); gate.await(); i }, i) }
        started.await()

        when:
        def closing = CompletableFuture.runAsync { executor.close() }
        def closedBeforeRelease = closing.isDone()
        gate.countDown()
        closing.get(10, TimeUnit.SECONDS)

        then:
        !closedBeforeRelease
        futures.every { it.state == JobState.DONE }
        futures*.get() == (0..<2000).toList()
        executor.closed

        cleanup:
        executor.backend.close()

        where:
        backend << ['its own', 'a given one']
    }

    def "close(cancelPending: true) cancels queued work and waits for running work (#backend)"() {
        given:
        def executor = executorOn(backend, 1)
        def started = new CountDownLatch(1)
        def ran = new AtomicInteger()
        def running = executor.submit(fn { started.countDown(); gate.await(); ran.incrementAndGet(); 'done' }, 0)
        started.await()
        def pending = (0..<5).collect { executor.submit(fn { ran.incrementAndGet() }, it) }

        when:
        def closing = CompletableFuture.runAsync { executor.close(cancelPending: true) }
        Futures.waitAll(pending)   // close cancels them before it waits
        gate.countDown()
        closing.get(10, TimeUnit.SECONDS)

        then:
        pending.every { it.state == JobState.CANCELLED }
        running.get() == 'done'
        ran.get() == 1

        cleanup:
        executor.backend.close()

        where:
        backend << ['its own', 'a given one']
    }

    def "a task may close its own executor: close() then waits for the other work only"() {
        given:
        def other = ex.submit(fn { gate.await(); 'other' }, 0)

        when:
        def closer = ex.submit(fn { gate.countDown(); ex.close(); ex.closed }, 0)

        then:
        closer.get(5, TimeUnit.SECONDS)
        other.get() == 'other'
    }

    def "a closed executor refuses #what with a clear message, and closes the backend it created"() {
        given:
        def backend = ex.backend

        when:
        ex.close()
        ex.close()   // idempotent
        call(ex)

        then:
        def e = thrown(IllegalStateException)
        e.message == 'the executor is closed; it accepts no more work'

        when:
        backend.submit(io.jobline.backend.Work.of(fn { it }, [1] as Object[], null))

        then:
        thrown(IllegalStateException)

        where:
        what     | call
        'submit' | { JobExecutor executor -> executor.submit({ x -> x } as Function, 1) }
        'map'    | { JobExecutor executor -> executor.map({ x -> x } as Function, [1]) }
        'batch'  | { JobExecutor executor -> executor.batch(name: 'late') }
    }

    def "close options are checked"() {
        when:
        ex.close(options)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        options                | message
        [cancel: true]         | "unknown close option 'cancel'; valid: cancelPending"
        [cancelPending: 'yes'] | "cancelPending: must be true or false, got 'yes'"
    }

    def "a close interrupted while waiting cancels the remaining work and keeps the interrupt"() {
        given:
        def started = new CountDownLatch(1)
        def interrupted = new CountDownLatch(1)
        def blocked = ex.submit(fn {
            started.countDown()
            try {
                gate.await()
            } catch (InterruptedException e) {
                interrupted.countDown()
            }
        }, 0)
        started.await()
        def stillInterrupted = new CompletableFuture<Boolean>()
        def closer = new Thread({
            ex.close()
            stillInterrupted.complete(Thread.currentThread().isInterrupted())
        })

        when:
        closer.start()
        closer.interrupt()

        then:
        stillInterrupted.get(10, TimeUnit.SECONDS)
        interrupted.await(5, TimeUnit.SECONDS)
        // The task counts down inside its function, a moment before its future completes: wait for that, bounded.
        Futures.waitAll([blocked], 5).notDone.isEmpty()
        blocked.done
    }

    def "works with Groovy's withCloseable"() {
        expect:
        JobExecutor.create(workers: 2).withCloseable { executor ->
            executor.map(fn { it + 1 }, 0..<5).toList()
        } == [1, 2, 3, 4, 5]
    }

    def "the futures of a map interleave with other submissions without losing any"() {
        given:
        def seen = ConcurrentHashMap.newKeySet()

        when:
        def futures = (0..<50).collect { i -> ex.submit(fn { seen << "s$i".toString(); i }, i) }
        def mapped = ex.map(fn { seen << "m$it".toString(); it }, 0..<50, chunk: 5).toList()

        then:
        futures*.get() == (0..<50).toList()
        mapped == (0..<50).toList()
        seen.size() == 100
    }
}
