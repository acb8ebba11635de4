package io.jobline.record

import io.jobline.executor.JobExecutor
import io.jobline.live.BusyLane
import io.jobline.live.LiveRegistry
import io.jobline.live.Timeline
import io.jobline.pipeline.Pipeline
import io.jobline.pipeline.PipelineGraph
import spock.lang.Specification

import java.util.function.Function

/** Recording for reports: merged bounded lanes, bounded samples, the recorder on a scope, graph mode. */
class RecordingSpec extends Specification {

    def 'a lane merges intervals closer than its gap and stays bounded however many it is given'() {
        given:
        BusyLane lane = new Timeline().lane('s')

        when: 'back-to-back batches'
        10.times { lane.busy(it * 1000L, it * 1000L + 900) }

        then:
        lane.intervals()*.toList() == [[0L, 9900L]]

        when: 'a million separate bursts'
        long t = 1_000_000_000L
        1_000_000.times {
            lane.busy(t, t + 10)
            t += 2_000_000
        }

        then:
        lane.intervals().size() <= BusyLane.MAX
        lane.intervals().first()[0] == 0L
        lane.intervals().last()[1] == t - 2_000_000 + 10
        lane.gapNanos() > 1_000_000
    }

    def 'a timeline names lanes per part and stops at its bound'() {
        given:
        Timeline timeline = new Timeline()

        expect:
        timeline.lane('a').name() == 'a #1'
        timeline.lane('a').name() == 'a #2'
        timeline.lane('b').name() == 'b #1'
        (Timeline.MAX_LANES - 3).times { assert timeline.lane('c') != null }
        timeline.lane('c') == null
        timeline.lanes().size() == Timeline.MAX_LANES
    }

    def 'a series keeps at most MAX samples, evenly thinned'() {
        given:
        Series series = new Series()

        when:
        100_000.times { series.add(new io.jobline.live.LiveSnapshot(it, it, it, 0, 0, null, null)) }

        then:
        series.samples().size() <= Series.MAX
        series.samples().size() > Series.MAX / 4
        series.samples().first().nanoTime() == 0
    }

    def 'a recorder records each run of its scope from the start: lanes of every worker, samples, final state'() {
        given:
        LiveRegistry scope = LiveRegistry.current().openScope('script', 'spec')
        Recorder recorder = new Recorder(scope, null, null)
        Pipeline p = Pipeline.builder('recorded').stage({ it + 1 } as Function)
                .stage({ it * 2 } as Function, [threads: 2]).build()

        when:
        scope.runIn { p.run(1..20_000) }
        recorder.close()
        def map = recorder.recordings().first().toMap()

        then:
        recorder.recordings().size() == 1
        map.state == 'DONE'
        map.out == 20_000
        map.lanes*.part.toSet() == ['stage1', 'stage2'] as Set
        map.lanes.every { !it.busy.isEmpty() }
        map.samples.t.size() >= 1
        map.graph.stages*.name == ['stage1', 'stage2']

        cleanup:
        scope.close()
    }

    def 'a recorded executor shows one work item per call, with its outcome'() {
        given:
        LiveRegistry scope = LiveRegistry.current().openScope('script', 'spec')
        Recorder recorder = new Recorder(scope, null, null)

        when:
        scope.runIn {
            JobExecutor ex = JobExecutor.create(workers: 2)
            def futures = (1..30).collect { n -> ex.submit({ if (it == 7) { throw new IllegalStateException('seven') }; it } as Function, n) }
            futures.each { try { it.get() } catch (ignored) { } }
            ex.close()
        }
        recorder.close()
        def map = recorder.recordings().find { it.toMap().kind == 'executor' }.toMap()

        then:
        map.items.size() == 30
        map.items*.name.toSet().size() == 30
        map.items.count { it.state == 'DONE' } == 29
        map.items.find { it.state == 'FAILED' }.error == 'IllegalStateException: seven'
        map.items.every { it.start != null && it.end != null }

        cleanup:
        scope.close()
    }

    def 'graph mode notes every pipeline a body runs and feeds none of them'() {
        given:
        List<Object> seen = Collections.synchronizedList([])
        Pipeline a = Pipeline.builder('a').stage({ seen << it; it } as Function, [threads: 3, queue: 7]).build()
        Pipeline b = Pipeline.builder('b').stage({ seen << it; [it, it] } as Function, [fanOut: true]).build()

        when:
        def results = []
        def noted = PipelineGraph.collect {
            results << a.run(1..10)
            b.each(1..10) { results << it }
            a.stream(1..10).count()
            a.start().join()
        }

        then:
        noted == [a, b]
        results == [[]]
        seen.isEmpty()
        a.toDot().contains('stage1\\nthreads: 3')
        a.toDot().contains('queue 7')
        b.toMermaid().contains('threads: 1, fanOut')

        expect: 'outside graph mode pipelines run'
        a.run(1..3).sort() == [1, 2, 3]
    }
}
