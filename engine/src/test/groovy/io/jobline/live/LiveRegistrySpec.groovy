package io.jobline.live

import io.jobline.executor.JobExecutor
import io.jobline.future.JobState
import io.jobline.pipeline.Pipeline
import io.jobline.pipeline.Run
import io.jobline.pipeline.RunState
import io.jobline.pool.WorkerPool
import spock.lang.Specification
import spock.lang.Timeout

import java.lang.ref.WeakReference
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.function.Function

@Timeout(120)
class LiveRegistrySpec extends Specification {

    static Pipeline pipe(String name = 'p', int stages = 1) {
        def builder = Pipeline.builder(name)
        stages.times { builder.stage({ it } as Function) }
        builder.build()
    }

    /** @return a run started in {@code scope} that waits for put() items until cancelled */
    static Run liveRun(LiveRegistry scope, String name) {
        scope.callIn { pipe(name).start() }
    }

    LiveRegistry a = LiveRegistry.global().openScope('script', 'a')
    LiveRegistry b = LiveRegistry.global().openScope('script', 'b')

    def cleanup() {
        a.close()
        b.close()
    }

    def "two scopes see and cancel only their own runs"() {
        given:
        Run runA = liveRun(a, 'in-a')
        Run runB = liveRun(b, 'in-b')

        expect:
        a.live()*.name() == ['in-a']
        b.live()*.name() == ['in-b']
        a.find(runB.id) == null

        when:
        int cancelled = a.cancelAll()

        then:
        cancelled == 1
        runA.state == RunState.CANCELLED
        runB.state == RunState.RUNNING
        b.live()*.id() == [runB.id as long]
        a.live().isEmpty()
        a.list()*.state() == [LiveState.CANCELLED]
        LiveRegistry.global().find(runA.id).state() == LiveState.CANCELLED

        cleanup:
        runB.cancel()
    }

    def "listeners hear every start and end in their scope and below, with the final snapshot"() {
        given:
        def events = new CopyOnWriteArrayList()
        def inner = a.openScope('run group', 'inner')
        def listening = a.addListener([started: { events << ['started', it.name(), it.isLive()] },
                                       ended  : { events << ['ended', it.name(), it.isLive(), it.state(), it.snapshot().out()] }]
                as LiveListener)
        def otherScope = b.addListener([started: { events << ['wrong scope'] }, ended: { events << ['wrong scope'] }]
                as LiveListener)

        when:
        def out = inner.callIn { pipe('heard', 3).run(1..100) }

        then:
        out.size() == 100
        events.size() == 2
        events[0] == ['started', 'heard', true]
        events[1] == ['ended', 'heard', false, LiveState.DONE, 100L]

        cleanup:
        listening.close()
        otherScope.close()
    }

    def "a listener that throws #kind does not disturb the run, nor the listeners after it"() {
        given:
        def told = []
        def listening = a.addListener([started: { throw failure() }, ended: { throw failure() }] as LiveListener)
        def after = a.addListener([started: { told << 'started' }, ended: { told << 'ended' }] as LiveListener)

        expect:
        a.callIn { pipe('robust').run([1, 2, 3]) } == [1, 2, 3]
        a.list()*.state() == [LiveState.DONE]
        told == ['started', 'ended']

        cleanup:
        listening.close()
        after.close()

        where:
        kind                               | failure
        'an exception'                     | { -> new IllegalStateException('listener bug') }
        "an assert's AssertionError"       | { -> new AssertionError('listener bug') }
    }

    def "a finished entry keeps its final snapshot only: the run, its queues and threads are let go"() {
        given:
        def run = new WeakReference(a.callIn { Run r = pipe('kept', 4).start(1..1000); r.join(); r })
        LiveEntry entry = a.list()[0]

        expect:
        !entry.isLive()
        entry.state() == LiveState.DONE
        entry.snapshot().out() == 1000
        entry.snapshot().parts()*.name() == ['stage1', 'stage2', 'stage3', 'stage4']
        entry.snapshot().toMap().state == 'DONE'
        !entry.cancel()
        entry.parts().isEmpty()
        gcClears(run)

        when:
        entry.resize('stage1', 2)

        then:
        IllegalStateException e = thrown()
        e.message.contains('has ended: DONE')
    }

    def "each scope keeps a bounded number of finished entries, however long an older one stays live"() {
        given:
        def scope = a.openScope('script', 'bounded', 3)
        Run pinning = liveRun(scope, 'long-lived')

        when:
        List<Long> ids = (1..20).collect { int i -> scope.callIn { Run r = pipe("run$i").start([i]); r.join(); r.id as long } }

        then:
        scope.list()*.id() == [pinning.id as long] + ids[-3..-1]
        scope.list()*.name() == ['long-lived', 'run18', 'run19', 'run20']

        cleanup:
        pinning.cancel()
    }

    def "cancelAll stops the scope's runs, executors (their pending work) and pools"() {
        given:
        def release = new CountDownLatch(1)
        def running = new CountDownLatch(2)
        Run run = liveRun(a, 'endless')
        JobExecutor executor = a.callIn { JobExecutor.create([workers: 1]) }
        def first = executor.submit({ running.countDown(); release.await(); 'first' })
        def pending = (1..5).collect { executor.submit({ 'later' }) }
        WorkerPool pool = a.callIn { WorkerPool.create(1) }
        pool.put({ running.countDown(); release.await() }, [])
        9.times { pool.put({ 'queued' }, []) }
        assert running.await(30, TimeUnit.SECONDS)

        expect:
        a.live()*.kind() == ['run', 'executor', 'pool']

        when:
        int cancelled = a.cancelAll()
        pool.exile(true)
        executor.close()

        then:
        cancelled == 3
        run.state == RunState.CANCELLED
        pending.every { it.state == JobState.CANCELLED }
        first.isDone()
        pool.outbox.isEmpty()
        a.live().isEmpty()
        a.list()*.state() == [LiveState.CANCELLED] * 3
        !b.live().any()

        cleanup:
        release.countDown()
    }

    def "entries resize a run's stages and a pool's workers"() {
        given:
        Run run = liveRun(a, 'resized')
        WorkerPool pool = a.callIn { WorkerPool.create(1) }
        LiveEntry runEntry = a.find(run.id)
        LiveEntry poolEntry = a.live().find { it.kind() == 'pool' }

        when:
        runEntry.resize('stage1', 3)
        poolEntry.resize('workers', 4)

        then:
        runEntry.parts() == ['stage1']
        run.stats().stages[0].threads == 3
        runEntry.snapshot().parts()[0].size() == 3
        pool.size == 4
        poolEntry.snapshot().part('workers').size() == 4

        when:
        runEntry.resize('nope', 2)

        then:
        IllegalArgumentException e = thrown()
        e.message.contains("no stage 'nope'")

        when:
        a.callIn { JobExecutor.create([:]) } // closed by the scope's close in cleanup()
        a.live().find { it.kind() == 'executor' }.resize('x', 1)

        then:
        UnsupportedOperationException u = thrown()
        u.message == 'an executor cannot be resized'

        cleanup:
        run.cancel()
        pool.exile(true)
    }

    def "threads started in a scope inherit it; a closed scope cancels what is live and hands its entries on"() {
        given:
        def scope = a.openScope('script', 'closing')
        Run started = null
        def thread = scope.callIn { new Thread({ started = pipe('from a thread').start() }) }

        when:
        thread.start()
        thread.join()

        then:
        LiveRegistry.current() == LiveRegistry.global()
        scope.live()*.name() == ['from a thread']

        when:
        scope.close()

        then:
        started.state == RunState.CANCELLED
        scope.isClosed()
        a.list()*.name() == ['from a thread']
        scope.callIn { LiveRegistry.current() } == a
        scope.callIn { pipe('after').run([1]) } == [1]
        a.list()*.name() == ['from a thread', 'after']
    }

    def "many threads start, end, list, sample and cancel at once: every start has one end, nothing stays live"() {
        given:
        def scopes = (1..4).collect { a.openScope('script', "s$it", 50) }
        def starts = new java.util.concurrent.atomic.AtomicInteger()
        def ends = new java.util.concurrent.atomic.AtomicInteger()
        def listening = a.addListener([started: { starts.incrementAndGet() }, ended: { ends.incrementAndGet() }]
                as LiveListener)
        def sampling = StatsSampler.global().subscribe(a, null)
        def done = new CountDownLatch(8)
        def failures = new CopyOnWriteArrayList()
        def p = pipe('busy', 3)

        when: 'eight threads run 200 runs each, two per scope; the spec lists and cancels meanwhile'
        def threads = (0..<8).collect { int t ->
            Thread.start {
                try {
                    scopes[t % 4].callIn {
                        200.times { int i ->
                            try {
                                List out = p.run(0..<20)
                                if (out.size() != 20) {
                                    throw new AssertionError("a run gave ${out.size()} results")
                                }
                            } catch (java.util.concurrent.CancellationException expected) {
                                // cancelAll below may hit this run
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures << e
                } finally {
                    done.countDown()
                }
            }
        }
        while (done.count > 0) {
            a.list()
            scopes[0].cancelAll()
            StatsSampler.global().sampleNow()
        }
        threads*.join()

        then:
        failures.isEmpty()
        starts.get() == 1600
        ends.get() == 1600
        a.live().isEmpty()
        scopes.every { it.list().size() == 50 && it.live().isEmpty() }
        scopes[0].list().every { it.state() in [LiveState.DONE, LiveState.CANCELLED] }
        scopes[1..3].every { s -> s.list().every { it.state() == LiveState.DONE } }

        cleanup:
        sampling?.close()
        listening?.close()
    }

    /** System.gc() is a full, synchronous collection on the JDK's collectors; a few tries cover a busy machine. */
    static boolean gcClears(WeakReference ref) {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc()
        }
        ref.get() == null
    }
}
