package io.jobline.pipeline

import spock.lang.Specification
import spock.lang.Timeout
import spock.util.concurrent.PollingConditions

import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import java.util.logging.Logger

/**
 * Every run ends, whatever stops it and wherever its workers are then: the paths by which a run once hung or lost
 * items. Each feature failed before its fix. Bounds here (a reader's 20 s) catch a hang; they never pace anything.
 *
 * <p>The first: a run that stops while its stages are mid-flow. The stop hands on what the workers had finished while
 * an upstream worker that saw the stop leaves and closes its downstream; that race once made {@code Run.stop} throw
 * half-way (an offer into the closed queue), so the results were never sealed and the reader waited for ever: about
 * one run in a few hundred, found by {@code reliability/run}.
 */
@Timeout(300)
class RunEndSpec extends Specification {

    static final int RUNS = 400

    def "#kind: 400 runs that fail at their first bad item all end, and name it"() {
        given:
        def failing = { int n -> if (n % 100 == 0) throw new IllegalStateException("bad item $n"); n }
        def p = Pipeline.builder().options(errors: 'fail')
                .stage({ it }, [name: 'before'])
                .stage(failing, options)
                .build()
        int hung = 0
        int unnamed = 0

        when:
        for (int i = 0; i < RUNS && hung == 0; i++) {
            def run = p.start(1..2_000)
            def reader = Thread.startDaemon {
                try {
                    run.results.each { }
                } catch (PipelineException e) {
                    if (!(e.message =~ /bad item \d+00/)) unnamed++
                }
            }
            // A bound, not a pace: such a run ends in milliseconds; a hung reader is left behind (a daemon).
            reader.join(TimeUnit.SECONDS.toMillis(20))
            if (reader.alive) {
                hung++
            }
        }

        then:
        hung == 0
        unnamed == 0

        where:
        kind          | options
        'one thread'  | [:]
        'threads: 4'  | [threads: 4]
        'by: key'     | [threads: 3, by: { it % 7 }]
    }

    def "cancel from the reader while a keepOrder stage waits, holding its reorderer, for room among the results"() {
        given: 'results the reader does not take: the stage fills them and waits for room inside its reorderer'
        def run = Pipeline.builder().options(keepOrder: true, queueSize: 4).stage({ it }, [threads: 2]).build()
                .start(1..10_000)
        new PollingConditions(timeout: 20).eventually {
            assert run.@results.@waitingPutters > 0
        }

        expect: 'the reader, the only one who could make room, cancels'
        cancelsWithin20s(run)
    }

    def "a cancel while a keepOrder stage waits, holding its reorderer, for room in a slow next stage"() {
        given:
        def gate = new CountDownLatch(1)
        def run = Pipeline.builder().options(keepOrder: true, queueSize: 4)
                .stage({ it }, [name: 'ordered', threads: 2])
                .stage({ gate.await(); it }, [name: 'slow'])
                .build().start(1..10_000)
        new PollingConditions(timeout: 20).eventually {
            assert run.@stages[1].inlet().@waitingPutters > 0
        }

        expect:
        cancelsWithin20s(run)

        cleanup:
        gate.countDown()
    }

    def "what a flush handed on in part is handed on whole by the worker: an item's outputs, some taken"() {
        given: 'a batch of one item with three outputs, finished while the flusher looked'
        def box = new Outbox()
        box.begin()
        box.add(0, ['a', 'b', 'c'])

        when: 'the flusher finds room for one output only; then the worker ends the batch'
        boolean flushed = box.flushNow { Outbox.Slice slice -> 1 }
        def rest = box.finish()

        then: 'the worker hands on the other two'
        flushed
        !rest.isEmpty()
        rest.outputs() == ['b', 'c']
    }

    def "an InterruptedException a stage function throws is that item's error, not the worker's end: #threads thread(s)"() {
        given:
        def p = Pipeline.builder().options(errors: 'collect')
                .stage({ int x -> if (x % 100 == 0) throw new InterruptedException("item $x"); x }, [threads: threads])
                .build()
        def run = p.start(1..1_000)
        def out = []
        def reader = Thread.startDaemon { out.addAll(run.results.toList()) }

        when:
        reader.join(TimeUnit.SECONDS.toMillis(20))

        then:
        !reader.alive
        run.state == RunState.DONE
        out.size() == 990
        run.errors.size() == 10
        run.errors.every { it.exception instanceof InterruptedException }

        where:
        threads << [1, 3]
    }

    def "a by: key that fails under errors: 'fail', handed on by an ordered stage, fails the run cleanly: #round"() {
        given: 'the engine logger, where a fault while the run stopped would be logged'
        def logged = []
        def handler = new Handler() {
            void publish(LogRecord record) { if (record.level.intValue() >= Level.SEVERE.intValue()) logged << record }
            void flush() {}
            void close() {}
        }
        Logger.getLogger('io.jobline.pipeline').addHandler(handler)
        def p = Pipeline.builder().options(errors: 'fail', keepOrder: true)
                .stage({ it }, [name: 'ordered', threads: 2])
                .stage({ it }, [name: 'keyed', threads: 3, by: { if (it == 700) throw new IllegalStateException('no key for 700'); it % 5 }])
                .build()

        when:
        def run = p.start(1..2_000)
        Throwable thrown = null
        def reader = Thread.startDaemon {
            try { run.results.each { } } catch (PipelineException e) { thrown = e }
        }
        reader.join(TimeUnit.SECONDS.toMillis(20))

        then:
        !reader.alive
        run.state == RunState.FAILED
        thrown.message.contains('no key for 700')
        logged.isEmpty()

        cleanup:
        Logger.getLogger('io.jobline.pipeline').removeHandler(handler)

        where:
        round << (1..30)
    }

    /** Cancels {@code run} on a thread of its own: true if cancel() returned and the run ended CANCELLED in time. */
    private static boolean cancelsWithin20s(Run run) {
        def canceller = Thread.startDaemon { run.cancel() }
        canceller.join(TimeUnit.SECONDS.toMillis(20))
        !canceller.alive && run.join(20) && run.state == RunState.CANCELLED
    }
}
