package io.jobline.dsl

import io.jobline.pipeline.PipelineException
import io.jobline.pipeline.PipelineTimeoutException
import io.jobline.pipeline.RunState
import spock.lang.Requires
import spock.lang.Timeout

import java.util.concurrent.TimeUnit

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelineDslSpec extends DslSpecification {

    def 'the SPEC example: two stages, the second with two threads, in input order'() {
        expect:
        script('''
            def add1   = { it + 1 }
            def multi2 = { it * 2 }

            def p = pipeline {
                stage add1
                stage multi2, threads: 2
            }
            p.run(0..2, keepOrder: true)
        ''') == [2, 4, 6]
    }

    def 'pipeline options and names, in every form'() {
        when:
        def pipelines = script('''
            def f = { it }
            [pipeline { stage f },
             pipeline('named') { stage f },
             pipeline(keepOrder: true, queueSize: 8, errors: 'collect') { stage f },
             pipeline('both', keepOrder: true, timeout: 30) { stage f },
             pipeline("job ${1 + 1}") { stage f, name: "step ${1}" }]
        ''')

        then:
        pipelines*.name == ['pipeline', 'named', 'pipeline', 'both', 'job 2']
        pipelines.last().stageNames == ['step 1']
        pipelines.every { it.run(1..3).sort() == [1, 2, 3] }
    }

    def 'many items through many threads: nothing lost, order kept with keepOrder'() {
        expect:
        script('''
            def p = pipeline(keepOrder: true) {
                stage({ it + 1 }, threads: 4)
                stage({ it * 2 }, threads: 3, queue: 16)
                stage { it - 2 }
            }
            p.run(0..<5000) == (0..<5000).collect { it * 2 }
        ''')
    }

    def 'a stage may be a method pointer or any java.util.function.Function'() {
        expect:
        script('''
            def twice(x) { x * 2 }
            java.util.function.Function<Integer, Integer> negate = { -it } as java.util.function.Function
            pipeline {
                stage this.&twice
                stage negate
                stage String.&valueOf
            }.run([1, 2, 3])
        ''') == ['-2', '-4', '-6']
    }

    def 'stages see the script variables they capture, bindings included'() {
        expect:
        script(offset: 100, '''
            def factor = 3
            def seen = java.util.concurrent.ConcurrentHashMap.newKeySet()
            def out = pipeline {
                stage({ seen << it; it * factor + offset }, threads: 2)
            }.run(1..4, keepOrder: true)
            [out, seen.sort()]
        ''') == [[103, 106, 109, 112], [1, 2, 3, 4]]
    }

    def 'the emit form forwards any number of items'() {
        expect:
        script('''
            pipeline(keepOrder: true) {
                stage { item, emit -> item.times { emit(item) } }
            }.run(0..3)
        ''') == [1, 2, 2, 3, 3, 3]
    }

    def 'DROP forwards nothing; null is forwarded'() {
        expect:
        script('''
            pipeline(keepOrder: true) {
                stage { it % 2 ? DROP : it }
                stage { it == 2 ? null : it }
            }.run(0..5)
        ''') == [0, null, 4]
    }

    def 'fanOut expands iterables, iterators, streams and arrays'() {
        expect:
        script('''
            pipeline(keepOrder: true) {
                stage({ n -> n == 0 ? [1, 2] : n == 1 ? [3].iterator() : n == 2 ? java.util.stream.Stream.of(4, 5) : [6] as Integer[] },
                      fanOut: true)
            }.run(0..3)
        ''') == [1, 2, 3, 4, 5, 6]
    }

    def 'by: items with equal keys go to one worker, in order; the output stays in input order'() {
        expect:
        script('''
            def lastSeen = new java.util.concurrent.ConcurrentHashMap()
            def inOrder = true
            def p = pipeline {
                stage({ item ->
                    def key = item % 5
                    def before = lastSeen.put(key, item)
                    if (before != null && before > item) inOrder = false
                    item
                }, by: { it % 5 }, threads: 4)
            }
            [p.run(0..<2000), inOrder]
        ''') == [(0..<2000).toList(), true]
    }

    def 'rate, retries and queue options reach the engine'() {
        expect:
        script('''
            def attempts = new java.util.concurrent.ConcurrentHashMap()
            pipeline(keepOrder: true) {
                stage({ it }, rate: 10_000, queue: 4)
                stage({ x -> if (attempts.merge(x, 1, Integer::sum) < 3) throw new IOException("flaky $x"); x }, retries: 2)
            }.run(1..5)
        ''') == [1, 2, 3, 4, 5]
    }

    def 'each streams outputs to a closure, stream is lazy, a Map input gives its entries'() {
        expect:
        script('''
            def p = pipeline { stage { it * 10 } }
            def seen = []
            p.each(1..3, keepOrder: true) { seen << it }
            def streamed = p.stream(1..1_000_000).limit(3).count()
            def entries = pipeline { stage { e -> "${e.key}=${e.value}" } }.run([a: 1, b: 2]).sort()
            [seen, streamed, entries]
        ''') == [[10, 20, 30], 3, ['a=1', 'b=2']]
    }

    def 'start, put, close, join and results; run << item and for (out in run) too'() {
        expect:
        script('''
            def p = pipeline { stage({ it + 1 }, threads: 2) }
            def run = p.start()
            (1..50).each { run.put(it) }
            run << 51 << 52
            run.close()
            assert run.join(30)
            def outputs = []
            for (out in run) { outputs << out }
            [outputs.sort(), run.state, run.stats().in, run.stats().out]
        ''') == [(2..53).toList(), RunState.DONE, 52L, 52L]
    }

    def 'a run given an input closes itself; threads(stage, n) resizes a live stage by its name'() {
        expect:
        script('''
            def gate = new java.util.concurrent.CountDownLatch(1)
            def work = { gate.await(); it }
            def p = pipeline { stage work }
            def run = p.start(1..200)
            run.threads('work', 4)
            def stages = run.stats().stages
            gate.countDown()
            run.join()
            [stages*.name, stages[0].threads, run.results.toList().size()]
        ''') == [['work'], 4, 200]
    }

    def "errors: 'fail' throws a PipelineException naming the stage and the item, the cause kept"() {
        when:
        script('''
            def parse = { Integer.parseInt(it) }
            pipeline { stage parse }.run(['1', 'x', '3'])
        ''')

        then:
        PipelineException e = thrown()
        e.stage == 'parse'
        e.item == 'x'
        e.cause instanceof NumberFormatException
        e.message.contains('parse')
    }

    def "errors: 'collect' keeps going and lists every failed item; 'ignore' drops them"() {
        expect:
        script('''
            def parse = { Integer.parseInt(it) }
            def p = pipeline(keepOrder: true) { stage parse }
            def run = p.start(errors: 'collect', ['1', 'x', '3', 'y'])
            run.join()
            def collected = [run.results.toList(), run.errors*.item, run.errors*.stage.unique(),
                             run.errors*.exception*.class.unique()]
            def ignored = p.run(['1', 'x', '3'], errors: 'ignore')
            [collected, ignored]
        ''') == [[[1, 3], ['x', 'y'], ['parse'], [NumberFormatException]], [1, 3]]
    }

    def 'timeout: the run stops and the exception carries the outputs so far'() {
        given:
        def gate = new java.util.concurrent.CountDownLatch(1)

        when:
        script(gate: gate, '''
            pipeline {
                stage { it == 3 ? gate.await() : it }
            }.run(1..5, timeout: 0.5)
        ''')

        then:
        PipelineTimeoutException e = thrown()
        e.outputs == [1, 2].take(e.outputs.size())
        e.stats.in <= 5

        cleanup:
        gate.countDown()
    }

    def 'stats: totals, per stage, and JSON'() {
        expect:
        script('''
            def add1 = { it + 1 }
            def odd = { it % 2 ? it : DROP }
            def run = pipeline { stage add1, threads: 2; stage odd }.start(1..10)
            run.join()
            def stats = run.stats()
            [stats.in, stats.out, stats.stages*.name, stats.stages*.threads, stats.stages[1].dropped,
             stats.toJson().contains('"add1"')]
        ''') == [10L, 5L, ['add1', 'odd'], [2, 1], 5L, true]
    }

    @Requires({ Runtime.version().feature() >= 21 })
    def "threads: 'virtual' runs stages on virtual threads (JDK 21+)"() {
        expect:
        script('''
            pipeline(threads: 'virtual') {
                stage({ Thread.currentThread().isVirtual() }, threads: 8)
            }.run(1..100).every()
        ''')
    }
}
