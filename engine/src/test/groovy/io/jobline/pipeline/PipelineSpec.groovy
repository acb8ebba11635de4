package io.jobline.pipeline

import io.jobline.function.Drop
import io.jobline.function.Emitter
import io.jobline.live.LiveListener
import io.jobline.live.LiveRegistry
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Function

/** Yields x three times; for x == 5 it breaks after two, like a generator that fails half way. */
class ThreeTimes implements Iterator<Integer> {
    final int x
    int n

    ThreeTimes(int x) { this.x = x }

    boolean hasNext() { n < 3 }

    Integer next() {
        if (x == 5 && n == 2) throw new IOException('broke')
        n++
        x
    }
}

@Timeout(60)
class PipelineSpec extends Specification {

    static Pipeline pipe(Map opts = [:], List stages) {
        def b = Pipeline.builder().options(opts)
        stages.each { s -> s instanceof List ? b.stage(s[0], s[1] as Map) : b.stage(s) }
        b.build()
    }

    def add1 = { it + 1 }
    def multi2 = { it * 2 }

    def "the SPEC's first example: add1 then multi2 on 2 threads, in order"() {
        expect:
        pipe([add1, [multi2, [threads: 2]]]).run([keepOrder: true], 0..2) == [2, 4, 6]
    }

    def "Java Functions work as stages, and unordered runs lose nothing"() {
        given:
        Function<Integer, Integer> inc = { Integer x -> x + 1 } as Function
        def p = pipe([inc, [multi2, [threads: 4]]])

        expect:
        p.run(0..<10_000).sort() == (0..<10_000).collect { (it + 1) * 2 }
    }

    def "DROP forwards nothing, null is forwarded"() {
        expect:
        pipe([{ it % 2 == 0 ? Drop.DROP : it }]).run(0..9) == [1, 3, 5, 7, 9]
        pipe([{ null }]).run(0..2) == [null, null, null]
    }

    def "fanOut expands Iterables, Iterators, Streams and arrays; without it they are one item"() {
        expect:
        pipe([[{ [it, it] }, [fanOut: true]]]).run([keepOrder: true], 1..3) == [1, 1, 2, 2, 3, 3]
        pipe([[{ [it].iterator() }, [fanOut: true]]]).run(1..2) == [1, 2]
        pipe([[{ java.util.stream.Stream.of(it, -it) }, [fanOut: true]]]).run(1..1) == [1, -1]
        pipe([[{ [it, it] as int[] }, [fanOut: true]]]).run(1..1) == [1, 1]
        pipe([{ [it, it] }]).run(1..2) == [[1, 1], [2, 2]]
    }

    def "an emit-form stage emits any number of items, in order with keepOrder across many threads"() {
        given:
        def p = pipe([keepOrder: true], [[{ item, emit -> item.times { emit(item) } }, [threads: 4]]])

        expect:
        p.run(0..50) == (0..50).collectMany { n -> [n] * n }
    }

    def "keepOrder keeps input order over several multi-threaded stages with uneven work"() {
        given:
        def jitter = { int x -> if (x % 7 == 0) Thread.yield(); x }
        def p = pipe([keepOrder: true], [[jitter, [threads: 3]], [{ it * 3 }, [threads: 2]], [jitter, [threads: 4]]])

        expect:
        p.run(0..<20_000) == (0..<20_000).collect { it * 3 }
    }

    def "a dispatcher stage keeps each key's items in order on one worker, and its output in input order"() {
        given:
        def seenBy = new ConcurrentHashMap<Integer, Set<String>>()
        def perKey = new ConcurrentHashMap<Integer, List<Integer>>()
        def p = pipe([[{ int x ->
            seenBy.computeIfAbsent(x % 10, { ConcurrentHashMap.newKeySet() }) << Thread.currentThread().name
            perKey.computeIfAbsent(x % 10, { new CopyOnWriteArrayList() }) << x
            x
        }, [threads: 4, by: { it % 10 }]]])

        when:
        def out = p.run(0..<5000)

        then:
        out == (0..<5000).toList()
        seenBy.values().every { it.size() == 1 }
        perKey.every { k, xs -> xs == xs.sort(false) }
    }

    def "dispatcher with keepOrder and a failing item does not hang (jobq hung on both)"() {
        given:
        def p = pipe([keepOrder: true, errors: 'collect'], [[{ int x -> if (x == 13) throw new IllegalStateException('13'); x }, [threads: 3, by: { it % 3 }]]])

        when:
        def run = p.start(0..<100)
        def out = run.results.toList()

        then:
        out == (0..<100) - [13]
        run.errors*.item == [13]
        run.state == RunState.DONE
    }

    def "a fan-out that fails half way reports the item, keeps the worker, and later items still go through"() {
        given:
        def p = pipe([errors: 'collect', keepOrder: true], [[{ int x -> new ThreeTimes(x) }, [fanOut: true, threads: 2]]])

        when:
        def run = p.start(0..9)
        def out = run.results.toList()

        then:
        out == (0..9).findAll { it != 5 }.collectMany { [it] * 3 }
        run.errors.size() == 1
        run.errors[0].item == 5
        run.errors[0].exception instanceof IOException
        run.stats().stages[0].errors == 1
    }

    def "errors: fail stops at the first error and names the stage, the item and the cause"() {
        given:
        def p = pipe([add1, [{ int x -> if (x == 4) throw new ArithmeticException('boom'); x }, [name: 'check']]])

        when:
        p.run(0..9)

        then:
        PipelineException e = thrown()
        e.stage == 'check'
        e.item == 4
        e.cause instanceof ArithmeticException
        e.message.contains("stage 'check' failed on item 4")
        e.message.contains('boom')
    }

    /** An item whose toString() throws, or is 10 million characters long. */
    static class Nasty {
        final boolean throwing
        Nasty(boolean throwing) { this.throwing = throwing }
        String toString() { if (throwing) throw new IllegalStateException('no text for you'); 'x' * 10_000_000 }
    }

    def "an item whose toString() #how does not hide the stage's failure: the message names its class or is cut"() {
        given:
        def p = pipe([[{ Nasty n -> throw new ArithmeticException('the real failure') }, [name: 'check']]])

        when:
        p.run([new Nasty(throwing)])

        then:
        PipelineException e = thrown()
        e.cause instanceof ArithmeticException
        e.stage == 'check'
        e.message.contains('the real failure')
        e.message.contains(shown)
        e.message.length() < 300

        when: 'collected, the error shows the same way'
        def run = pipe([errors: 'collect'], [[{ Nasty n -> throw new ArithmeticException('the real failure') }, [name: 'check']]]).start([new Nasty(throwing)])
        run.join()
        def text = run.errors[0].toString()

        then:
        text.contains(shown)
        text.contains('the real failure')

        where:
        how                | throwing || shown
        'throws'           | true     || "<io.jobline.pipeline.PipelineSpec\$Nasty: toString() threw IllegalStateException>"
        'is 10 M chars'    | false    || 'x' * 70 + '...'
    }

    def "the JVM failing (an OutOfMemoryError) in a live listener while a run starts leaves no half-started run"() {
        given: 'a listener failing as the JVM would (one that merely throws is logged: LiveRegistrySpec)'
        def listener = new LiveListener() {
            void started(io.jobline.live.LiveEntry entry) {
                if (entry.kind() == 'run') throw new OutOfMemoryError('listener broke')
            }
            void ended(io.jobline.live.LiveEntry entry) { }
        }
        def subscription = LiveRegistry.current().addListener(listener)
        def p = pipe([name: 'listened', timeout: 60], [[add1, [threads: 2]]])

        when:
        p.start(1..10)

        then: 'start stopped what had started, and the error is thrown as itself'
        OutOfMemoryError e = thrown()
        e.message == 'listener broke'
        LiveRegistry.current().live().findAll { it.kind() == 'run' && it.name() == 'listened' } == []

        cleanup:
        subscription?.close()
    }

    def "errors: collect keeps going and lists every failed item; ignore only counts them"() {
        given:
        def f = { int x -> if (x % 10 == 0) throw new IllegalArgumentException("bad $x"); x }

        when:
        def collect = pipe([errors: 'collect'], [[f, [threads: 3]]]).start(0..<100)
        def out = collect.results.toList()
        def ignored = pipe([f]).start([errors: 'ignore'], 0..<100)
        def out2 = ignored.results.toList()

        then:
        out.sort() == (0..<100).findAll { it % 10 != 0 }
        collect.errors*.item.sort() == (0..<100).step(10)
        collect.errors.every { it.stage == 'stage1' && it.exception.message.startsWith('bad') }
        out2.size() == 90
        ignored.errors.isEmpty()
        ignored.stats().stages[0].errors == 10
    }

    def "retries re-run a failing item; the last failure keeps the earlier ones as suppressed"() {
        given:
        def attempts = new ConcurrentHashMap<Integer, AtomicInteger>()
        def flaky = { int x -> if (attempts.computeIfAbsent(x, { new AtomicInteger() }).incrementAndGet() < 3) throw new IOException("try $x"); x }
        def hopeless = { throw new IOException('never') }

        expect:
        pipe([[flaky, [retries: 2, threads: 2]]]).run(0..<50).sort() == (0..<50).toList()

        when:
        def run = pipe([errors: 'collect'], [[hopeless, [retries: 2]]]).start([1])
        run.results.toList()

        then:
        run.errors.size() == 1
        run.errors[0].exception.suppressed.size() == 1
        run.errors[0].exception.suppressed[0].suppressed.size() == 1
    }

    def "every input is accounted for: in == outputs + drops + errors in every stage"() {
        given:
        def p = pipe([errors: 'collect'], [
                [{ int x -> x % 3 == 0 ? Drop.DROP : x }, [threads: 3]],
                [{ int x -> if (x % 5 == 0) throw new RuntimeException('x'); x }, [threads: 2]],
                [{ x, Emitter emit -> if (x % 2) emit(x) }, [threads: 2]]])

        when:
        def run = p.start(0..<3000)
        def out = run.results.toList()
        def stats = run.stats()

        then:
        run.state == RunState.DONE
        stats.in == 3000
        stats.stages.every { it.in == it.out + it.dropped + it.errors }
        stats.stages[0].in == 3000
        stats.stages[1].in == stats.stages[0].out
        stats.stages[2].in == stats.stages[1].out
        out.size() == stats.out
        stats.doing == 0
    }

    def "a live run: put, close, results, join, stats"() {
        given:
        def run = pipe([name: 'live'], [add1, [multi2, [threads: 2]]]).start()

        when:
        (0..<100).each { run.put(it) }
        run.close()
        def out = run.results.toList()

        then:
        out.sort() == (0..<100).collect { (it + 1) * 2 }
        run.join() == RunState.DONE
        run.stats().in == 100
        run.stats().out == 100
        run.stats().stages*.name == ['stage1', 'stage2']
        run.stats().stages[1].threads == 2
        run.stats().toJson().contains('"capacity": 1024')
    }

    def "join without reading results does not hang even when they outnumber the buffer"() {
        given:
        def run = pipe([queueSize: 8], [add1]).start(0..<10_000)

        expect:
        run.join() == RunState.DONE
        run.results.toList().size() == 10_000
    }

    def "put on a run that reads its own input, or after it ended, is a clear error"() {
        given:
        def run = pipe([add1]).start([1, 2])

        when:
        run.put(3)

        then:
        IllegalStateException e = thrown()
        e.message.contains('put() is for runs started without input')
    }

    def "timeout stops intake and throws with the outputs so far and the stats"() {
        given:
        def gate = new CountDownLatch(1)
        def p = pipe([{ int x -> if (x == 5) gate.await(); x }])

        when:
        p.run([timeout: 0.2], 0..<100)

        then: 'what was finished before the stuck item is handed on, not held back by its worker'
        PipelineTimeoutException e = thrown()
        e.outputs == [0, 1, 2, 3, 4]
        e.stats.state == RunState.TIMED_OUT
        e.stats.in == 100
        e.message.contains('timed out')

        cleanup:
        gate.countDown()
    }

    def "a reader waiting for results gets each one as soon as it is ready, then the timeout"() {
        given:
        def gate = new CountDownLatch(1)
        def run = pipe([{ int x -> if (x == 5) gate.await(); x }]).start([timeout: 0.5], 0..<100)
        def results = run.results

        when:
        def firstFive = (0..4).collect { results.next() }
        results.hasNext()

        then:
        firstFive == [0, 1, 2, 3, 4]
        PipelineTimeoutException e = thrown()
        run.state == RunState.TIMED_OUT

        cleanup:
        gate.countDown()
    }

    def "cancel interrupts workers and ends the run; run() elsewhere throws CancellationException"() {
        given:
        def started = new CountDownLatch(1)
        def run = pipe([{ started.countDown(); new CountDownLatch(1).await(); it }]).start(0..10)

        when:
        started.await()
        run.cancel()

        then:
        run.join(5) 
        run.state == RunState.CANCELLED
        !run.results.hasNext()
    }

    def "a stream is lazy and bounded: a huge input is pulled only as far as the consumer reads"() {
        given:
        def pulled = new AtomicInteger()
        def endless = [hasNext: { true }, next: { pulled.incrementAndGet() }] as Iterator
        def p = pipe([queueSize: 16], [add1, [multi2, [threads: 2]]])

        when:
        def stream = p.stream(endless)
        def firstTen = stream.limit(10).toList()
        stream.close()

        then:
        firstTen.size() == 10
        pulled.get() < 16 * 8   // a few bounded queues and batches, never the whole input
    }

    def "each streams 200,000 items through without keeping them"() {
        given:
        long sum = 0
        def p = pipe([add1, [multi2, [threads: 2]]])

        when:
        p.each((0..<200_000).iterator()) { sum += it }

        then:
        sum == (0..<200_000).sum { (it + 1) * 2L }
    }

    def "an input that fails while being read fails the run with the input's exception"() {
        given:
        when:
        pipe([add1]).run(new ThreeTimes(5))

        then:
        PipelineException e = thrown()
        e.cause instanceof IOException
        e.cause.message == 'broke'
        e.stage == 'input'
        e.message == "reading the input of pipeline 'pipeline' failed: java.io.IOException: broke"
    }

    def "a Map input runs its entries; arrays and streams are inputs too"() {
        expect:
        pipe([{ Map.Entry e -> e.key + e.value }]).run([keepOrder: true], [a: 1, b: 2]) == ['a1', 'b2']
        pipe([add1]).run([1, 2] as Integer[]) == [2, 3]
        pipe([add1]).run([1, 2] as int[]) == [2, 3]
        pipe([add1]).run(java.util.stream.Stream.of(1, 2)) == [2, 3]
    }

    def "rate limits a stage to R items per second"() {
        given:
        def p = pipe([[{ it }, [rate: 100, threads: 4]]])

        when:
        long t0 = System.nanoTime()
        p.run(0..<21)
        double seconds = (System.nanoTime() - t0) / 1e9

        then: 'only a lower bound: 20 intervals of 10 ms cannot take less than 0.2 s'
        seconds >= 0.19
    }

    def "a rate function is read on every item"() {
        given:
        def reads = new AtomicInteger()

        expect:
        pipe([[{ it }, [rate: { reads.incrementAndGet(); 10_000 }]]]).run(0..<50).size() == 50
        reads.get() == 50
    }

    def "bad declarations are clear errors"() {
        when:
        pipe(stages)

        then:
        IllegalArgumentException e = thrown()
        e.message.contains(message)

        where:
        stages                              || message
        [[{ it }, [threads: 0]]]            || "stage 'stage1': threads: must be a whole number >= 1, got 0"
        [[{ it }, [threads: 1.5]]]          || 'threads: must be a whole number >= 1, got 1.5'
        [[{ it }, [thread: 2]]]             || "unknown stage option 'thread'; valid: backend, by, fanOut, inFlight, name, queue, rate, retries, threads"
        [[{ it }, [rate: -1]]]              || 'rate: must be a positive number'
        [[{ it }, [backend: 'nope']]]       || "unknown backend 'nope'; available: "
        [[{ it }, [by: 'x']]]               || 'by: expected a Closure'
        ['not callable']                    || 'stage 1: expected a Closure, a method pointer (this.&name) or a java.util.function.Function, got a java.lang.String (not callable)'
        []                                  || 'has no stages'
    }

    def "bad pipeline and run options are clear errors"() {
        when:
        action()

        then:
        IllegalArgumentException e = thrown()
        e.message.contains(message)

        where:
        action                                                       || message
        ({ pipe([errors: 'maybe'], [{ it }]) })                     || "errors: must be 'fail', 'collect' or 'ignore', got 'maybe'"
        ({ pipe([colour: 'red'], [{ it }]) })                       || "unknown pipeline option 'colour'"
        ({ pipe([{ it }]).run(42) })                                || 'input: expected an Iterable, Iterator, Stream, array or Map, got a java.lang.Integer (42)'
        ({ pipe([{ it }]).run([keepOrder: 'yes'], [1]) })           || 'keepOrder: must be true or false'
        ({ pipe([{ it }]).run([timeout: -1], [1]) })                || 'timeout: must be a positive number of seconds'
        ({ pipe([{ it }]).start().threads('nope', 2) })             || "no stage 'nope'"
        ({ pipe([{ it }]).start().threads('stage1', 0) })           || 'threads: must be a whole number >= 1, got 0'
        ({ pipe([[{ it }, [name: 'a']], [{ it }, [name: 'a']]]) }) || "pipeline 'pipeline': stage 2 is named 'a' as stage 1 is"
    }

    def "the live registry sees every run"() {
        given:
        def seen = []
        def listening = LiveRegistry.current().addListener([started: { seen << it }, ended: { }] as LiveListener)

        when:
        def out = pipe([name: 'watched'], [add1]).run([1])

        then:
        seen*.name() == ['watched']
        LiveRegistry.current().find(seen[0].id()).is(seen[0])

        cleanup:
        listening.close()
    }

    def "the registry remembers finished runs but not the outputs run() returned (memory stays bounded run after run)"() {
        given:
        def p = pipe([add1, [multi2, [threads: 2]]])

        when: 'only a weak reference holds what run() and a failed run returned'
        def returned = new java.lang.ref.WeakReference(p.run(0..<10_000))
        def failedOutput = new java.lang.ref.WeakReference(firstOutputOfAFailedRun())

        then: 'a collection frees them, although both runs are still in the registry'
        LiveRegistry.current().list().findAll { it.kind() == 'run' }.size() >= 2
        gcClears(returned)
        gcClears(failedOutput)
    }

    /** @return an output (a fresh object) that only the failed run's exception held */
    private static Object firstOutputOfAFailedRun() {
        try {
            pipe([{ int x -> if (x == 5_000) throw new IllegalStateException('boom'); [x] }]).run(0..<10_000)
            throw new AssertionError('the run should have failed')
        } catch (PipelineException e) {
            assert !e.outputs.isEmpty()
            return e.outputs[0]
        }
    }

    /** System.gc() is a full, synchronous collection on the JDK's collectors; a few tries cover a busy machine. */
    private static boolean gcClears(java.lang.ref.WeakReference ref) {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc()
        }
        ref.get() == null
    }
}
