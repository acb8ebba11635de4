package io.jobline.pipeline

import spock.lang.Specification
import spock.lang.Timeout
import spock.lang.Unroll

import java.util.concurrent.CountDownLatch
import java.util.concurrent.locks.LockSupport

/**
 * Workers hand on a batch's outputs in one go; the run's flusher hands on what a worker finished before an item
 * that takes long. These check that no finished output waits behind a stuck item, in every kind of stage and in a
 * middle stage, and that the flusher racing the workers loses and reorders nothing.
 */
@Timeout(120)
class FlusherSpec extends Specification {

    static final Map KINDS = [
            'unordered' : [[:], [:]],
            'keepOrder' : [[keepOrder: true], [threads: 2]],
            'dispatcher': [[:], [threads: 2, by: { it % 2 }]],
    ]

    static Pipeline twoStages(Map options, Closure first, Map firstOptions, Closure second, Map secondOptions) {
        Pipeline.builder().options(options).stage(first, firstOptions).stage(second, secondOptions).build()
    }

    @Unroll
    def "#kind: what a worker stuck in an item finished before it reaches the reader while the item runs"() {
        given: 'the last stage sticks on item 5 until the reader has read 0 to 4'
        def gate = new CountDownLatch(1)
        def (options, stageOptions) = KINDS[kind]
        def p = twoStages(options, { it }, [:], { int x -> if (x == 5) gate.await(); x }, stageOptions)
        def run = p.start(0..<200)
        def results = run.results

        when:
        def firstFive = (0..4).collect { results.next() } as Set
        gate.countDown()
        def rest = results.toList()

        then:
        firstFive == (0..4) as Set
        (firstFive + rest) as Set == (0..<200) as Set
        rest.size() == 195

        cleanup:
        gate.countDown()

        where:
        kind << KINDS.keySet()
    }

    @Unroll
    def "#kind: a worker stuck in the first stage does not hold back what it finished from the next stages"() {
        given:
        def gate = new CountDownLatch(1)
        def (options, stageOptions) = KINDS[kind]
        def p = twoStages(options, { int x -> if (x == 5) gate.await(); x }, [:], { it }, stageOptions)
        def run = p.start(0..<200)
        def results = run.results

        when:
        def firstFive = (0..4).collect { results.next() } as Set
        gate.countDown()
        results.toList()

        then:
        firstFive == (0..4) as Set

        cleanup:
        gate.countDown()

        where:
        kind << KINDS.keySet()
    }

    @Unroll
    def "#kind: a timeout returns what a worker stuck for good had finished"() {
        given:
        def gate = new CountDownLatch(1)
        def (options, stageOptions) = KINDS[kind]
        def p = twoStages(options + [timeout: 0.5], { it }, [:], { int x -> if (x == 5) gate.await(); x },
                stageOptions)

        when:
        p.run(0..<200)

        then:
        PipelineTimeoutException e = thrown()
        e.outputs.containsAll(0..4)
        !e.outputs.contains(5)

        cleanup:
        gate.countDown()

        where:
        kind << KINDS.keySet()
    }

    @Unroll
    def "#kind: 30,000 items, some slow, through three stages: the flusher and the workers lose and reorder nothing"() {
        given: 'every 300th item takes a few ms (the flusher hands on around it), the rest are instant'
        def (options, stageOptions) = KINDS[kind]
        def slow = { int x -> if (x % 300 == 7) LockSupport.parkNanos(3_000_000); x }
        def p = Pipeline.builder().options(options + [queueSize: 64])
                .stage(slow, [threads: 2])
                .stage({ int x -> x * 2 }, stageOptions)
                .stage(slow, [threads: 3])
                .build()

        when:
        def out = p.run(0..<30_000)

        then:
        out.size() == 30_000
        (options.keepOrder ? out : out.sort()) == (0..<30_000).collect { it * 2 }

        where:
        kind << KINDS.keySet()
    }
}
