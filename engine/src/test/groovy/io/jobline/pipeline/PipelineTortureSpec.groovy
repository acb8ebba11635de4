package io.jobline.pipeline

import spock.lang.Requires
import spock.lang.Specification
import spock.lang.Timeout
import spock.util.concurrent.PollingConditions

import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.atomic.AtomicReference

/** jobq's own torture test, ported and made harder: live random resizes on every stage while items flow. */
@Timeout(120)
class PipelineTortureSpec extends Specification {

    static final int ITEMS = 10_240

    def "10,240 items through three stages resized at random while running: nothing lost, order kept when asked"() {
        given:
        def current = new AtomicReference<Run>()
        def resizeSometimes = { int x ->
            def random = ThreadLocalRandom.current()
            if (random.nextInt(40) == 0) {
                current.get().threads(random.nextInt(3), random.nextInt(1, 9))
            }
            if (random.nextInt(97) == 0) Thread.yield()
            x
        }
        def p = Pipeline.builder().options(keepOrder: keepOrder, queueSize: queueSize)
                .stage(resizeSometimes, [threads: 2])
                .stage({ int x -> resizeSometimes(x) * 2 }, [threads: 3])
                .stage(resizeSometimes)
                .build()

        when:
        def run = p.start()
        current.set(run)
        def resizer = Thread.start {
            def random = ThreadLocalRandom.current()
            while (!run.state.final) {
                run.threads(random.nextInt(3), random.nextInt(1, 9))
                Thread.yield()
            }
        }
        def feeder = Thread.start {
            (0..<ITEMS).each { run.put(it) }
            run.close()
        }
        def out = run.results.toList()
        feeder.join()
        resizer.join()

        then:
        run.state == RunState.DONE
        out.size() == ITEMS
        keepOrder ? out == (0..<ITEMS).collect { it * 2 } : out.sort() == (0..<ITEMS).collect { it * 2 }
        run.stats().stages.every { it.in == ITEMS && it.out == ITEMS }

        where:
        [keepOrder, queueSize, round] << [[true, false], [4, 1024], (1..3)].combinations()
    }

    def "a dispatcher stage behind a multi-threaded ordered stage keeps per-key order and loses nothing"() {
        given:
        def lastSeen = [:].asSynchronized()
        def violations = Collections.synchronizedList([])
        def p = Pipeline.builder().options(queueSize: 64, keepOrder: true)
                .stage({ int x -> x }, [threads: 3])
                .stage({ int x ->
                    def key = x % 37
                    def previous = lastSeen.put(key, x)
                    if (previous != null && previous > x && violations.size() < 10) violations << [key, previous, x]
                    x
                }, [threads: 5, by: { it % 37 }])
                .build()

        when:
        def out = p.run(0..<50_000)

        then:
        violations.isEmpty()
        out == (0..<50_000).toList()
    }

    def "shrinking lets idle workers leave at once; growing starts them at once"() {
        given:
        def run = Pipeline.builder().stage({ it }, [threads: 1]).build().start()
        def conditions = new PollingConditions(timeout: 10)

        when:
        run.threads('stage1', 6)

        then:
        run.stats().stages[0].threads == 6

        when:
        run.threads(0, 2)

        then: 'idle surplus workers are woken and leave without waiting for an item'
        conditions.eventually { assert run.stats().stages[0].threads == 2 }

        when:
        (1..100).each { run.put(it) }
        run.close()

        then:
        run.results.toList().sort() == (1..100).toList()
    }

    def "a dispatcher stage refuses to be resized, with a reason"() {
        given:
        def run = Pipeline.builder().stage({ it }, [threads: 2, by: { it }]).build().start()

        when:
        run.threads(0, 3)

        then:
        IllegalArgumentException e = thrown()
        e.message.contains('dispatches items by key')

        cleanup:
        run.cancel()
    }

    @Requires({ jvm.isJava21Compatible() })
    def "threads: 'virtual' runs stage workers on virtual threads (JDK 21+)"() {
        given:
        def p = Pipeline.builder().options(threads: 'virtual').stage({ Thread.currentThread().isVirtual() }, [threads: 4]).build()

        expect:
        p.run(0..<100).every()
    }

    def "threads: 'virtual' falls back to platform threads before JDK 21, and other values are errors"() {
        expect:
        Pipeline.builder().options(threads: 'virtual').stage({ it }).build().run([1]) == [1]

        when:
        Pipeline.builder().options(threads: 'green')

        then:
        IllegalArgumentException e = thrown()
        e.message == "threads: must be 'virtual' or 'platform', got green"
    }
}
