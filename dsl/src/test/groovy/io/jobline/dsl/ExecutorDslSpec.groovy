package io.jobline.dsl

import io.jobline.future.JobState
import spock.lang.Timeout

import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutorDslSpec extends DslSpecification {

    def 'submit with positional arguments and job options; map is lazy and in input order'() {
        expect:
        script('''
            def fn = { a, b = 0 -> a + b }
            def ex = executor(backend: 'thread', workers: 4)
            try {
                def f = ex.submit(fn, 1, 2)
                def g = ex.submit(fn, 1, name: 'Do something', cpus: 4)
                Iterator it = ex.map({ it * it }, 0..9, chunk: 3, timeout: 60)
                [f.get(), g.get(5), g.name, it.toList()]
            } finally {
                ex.close()
            }
        ''') == [3, 1, 'Do something', (0..9).collect { it * it }]
    }

    def 'asCompleted yields every future once, as each finishes'() {
        expect:
        script('''
            executor(workers: 8).withCloseable { ex ->
                def futures = (1..200).collect { n -> ex.submit({ n * 2 }) }
                def seen = []
                for (done in asCompleted(futures)) { seen << done.get() }
                seen.sort() == (1..200).collect { it * 2 }
            }
        ''')
    }

    def 'wait, waitAll and waitAny; FIRST_COMPLETED returns before the slow one ends'() {
        expect:
        script('''
            def gate = new java.util.concurrent.CountDownLatch(1)
            def ex = executor(workers: 2)
            try {
                def slow = ex.submit({ gate.await(); 'slow' })
                def fast = ex.submit({ 'fast' })
                def any = waitAny([slow, fast])
                def first = wait([slow, fast], FIRST_COMPLETED)
                def none = wait([slow], ALL_COMPLETED, 0.05)
                def look = wait([slow, fast], ALL_COMPLETED, 0)
                def notYet = waitAll([slow], 0.05)
                gate.countDown()
                def all = waitAll([slow, fast])
                [any.done as List, first.done as List, none.notDone as List, look.notDone as List, notYet.done as List,
                 all.done*.get().sort(), all.notDone.isEmpty(), waitAny([slow], 5).done as List] ==
                        [[fast], [fast], [slow], [slow], [], ['fast', 'slow'], true, [slow]]
            } finally {
                gate.countDown()
                ex.close()
            }
        ''')
    }

    def 'FIRST_EXCEPTION returns at the first failure'() {
        expect:
        script('''
            def gate = new java.util.concurrent.CountDownLatch(1)
            def ex = executor(workers: 2)
            try {
                def slow = ex.submit({ gate.await(); 1 })
                def bad = ex.submit({ throw new IllegalStateException('no') })
                def result = wait([slow, bad], FIRST_EXCEPTION)
                [result.done as List, result.notDone as List] == [[bad], [slow]]
            } finally {
                gate.countDown()
                ex.close()
            }
        ''')
    }

    def "a failing function's own exception comes back from get() and result"() {
        when:
        script('''
            def ex = executor()
            try {
                def f = ex.submit({ throw new FileNotFoundException('scene.ma') })
                assert f.exception instanceof FileNotFoundException
                assert f.state == JobState.FAILED
                f.get()
            } finally {
                ex.close()
            }
        ''')

        then:
        ExecutionException e = thrown()
        e.cause instanceof FileNotFoundException
        e.cause.message == 'scene.ma'
    }

    def 'future extras: onDone, done, state, cancel'() {
        expect:
        script('''
            def gate = new java.util.concurrent.CountDownLatch(1)
            def started = new java.util.concurrent.CountDownLatch(1)
            def ex = executor(workers: 1)
            try {
                def called = new java.util.concurrent.CompletableFuture()
                def running = ex.submit({ started.countDown(); gate.await(); 'ok' })
                def queued = ex.submit({ 'never' })
                running.onDone { called.complete(it.result) }
                started.await()
                assert running.state == JobState.RUNNING
                assert queued.cancel()
                gate.countDown()
                [called.get(), running.done, queued.state] == ['ok', true, JobState.CANCELLED]
            } finally {
                gate.countDown()
                ex.close()
            }
        ''')
    }

    def 'batch: the block submits and maps with the batch as delegate; one job, committed at the end'() {
        expect:
        script('''
            def aFunction = { "a:$it" }
            def anotherFunction = { -> 'b' }
            def mapping = { it * 10 }
            def ex = executor(workers: 4)
            try {
                def m
                def b = ex.batch(name: 'A set of functions', cpus: 4) {
                    def f1 = submit(aFunction, 'input')
                    def f2 = submit(anotherFunction, name: 'work name')
                    m = map(mapping, 0..9)
                }
                def results = b.futures*.get()
                [results.take(2), m.toList(), b.futures*.jobId.unique().size(), b.committed]
            } finally {
                ex.close()
            }
        ''') == [['a:input', 'b'], (0..9).collect { it * 10 }, 1, true]
    }

    def 'batch: nothing is submitted when the block throws'() {
        expect:
        script('''
            def ran = new java.util.concurrent.atomic.AtomicInteger()
            def ex = executor()
            def error = null
            try {
                ex.batch { submit({ ran.incrementAndGet() }); throw new IllegalStateException('changed my mind') }
            } catch (IllegalStateException e) {
                error = e.message
            } finally {
                ex.close()
            }
            [error, ran.get()]
        ''') == ['changed my mind', 0]
    }

    def 'batch blocks work outside job scripts too (extension module)'() {
        given:
        def ex = Jobline.executor(workers: 2)

        when:
        def b = ex.batch { submit({ x -> x + 1 }, 41) }

        then:
        b.futures*.get() == [42]

        cleanup:
        ex.close()
    }

    def 'waitFor keeps at most `concurrency` in flight, asks for more with null, and ends when all are done'() {
        expect:
        script('''
            def ex = executor(workers: 4)
            try {
                def todo = (1..30).toList()
                def inFlight = []
                def results = []
                int most = 0
                for (f in waitFor(inFlight, concurrency: 3)) {
                    if (f == null) {
                        if (todo) {
                            def n = todo.remove(0)
                            inFlight << ex.submit({ n * 2 })
                            most = Math.max(most, inFlight.size())
                        }
                        continue
                    }
                    results << f.get()
                }
                [results.sort(), most, inFlight]
            } finally {
                ex.close()
            }
        ''') == [(1..30).collect { it * 2 }, 3, []]
    }

    def 'close(cancelPending: true) cancels queued work'() {
        expect:
        script('''
            def gate = new java.util.concurrent.CountDownLatch(1)
            def started = new java.util.concurrent.CountDownLatch(1)
            def ex = executor(workers: 1)
            def running = ex.submit({ started.countDown(); gate.await(); 1 })
            def queued = (1..5).collect { ex.submit({ 2 }) }
            started.await()
            Thread.start { ex.close(cancelPending: true) }
            queued.each { f -> try { f.get() } catch (java.util.concurrent.CancellationException ignored) { } }
            gate.countDown()
            [running.get(), queued*.state.unique()]
        ''') == [1, [JobState.CANCELLED]]
    }

    def 'bad options are clear errors'() {
        when:
        script(code)

        then:
        IllegalArgumentException e = thrown()
        e.message.contains(words)

        where:
        code                                                     | words
        "executor(backend: 'nope')"                              | "unknown backend 'nope'"
        "waitFor([], concurency: 3)"                             | "unknown waitFor option 'concurency'"
        "waitFor([], concurrency: 0)"                            | 'concurrency: must be a whole number >= 1'
        "asCompleted([], timeout: -1)"                           | 'timeout: must be a positive number'
    }
}
