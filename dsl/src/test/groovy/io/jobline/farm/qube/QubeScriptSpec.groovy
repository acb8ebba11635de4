package io.jobline.farm.qube

import io.jobline.dsl.JoblineDsl
import io.jobline.farm.FarmFailure
import io.jobline.farm.FarmSpecs
import io.jobline.future.JobState
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.ExecutionException

/**
 * Job scripts with backend: 'qube' on the project's stand-in Qube: an executor's submit (with job options), map,
 * a batch (ONE job with an agenda), pipeline stages, results and remote exceptions, the depth guard (QBLVL), cancel.
 */
@Timeout(240)
class QubeScriptSpec extends Specification {

    QubeStandIn qube = new QubeStandIn('script')

    Object run(String script) {
        JoblineDsl.newShell(new Binding(qube: qube.options(), standin: qube)).evaluate(script, 'job.groovy')
    }

    def "submit, a batch (one job with an agenda) and map run on Qube, with ids, nodes and results"() {
        when:
        def result = run('''
            def ex = executor([backend: 'qube', priority: 50] + qube)
            def f = ex.submit({ a, b -> a + b }, 1, 2)
            def g = ex.submit({ System.getenv('QBJOBID') + ':' + System.getenv('QBLVL') }, name: 'named', cpus: 2)
            def b = ex.batch(name: 'squares', cpus: 3) {
                (0..9).each { submit({ it * it }, it) }
                map({ it + 100 }, 1..3)
            }
            def mapped = ex.map({ it + 1 }, 1..6, chunk: 3, name: 'mapped', priority: 70).toList()
            def out = [sum: f.get(120), fJob: f.jobId, fNode: f.node, fState: f.state, g: g.get(120), gJob: g.jobId,
                       squares: b.futures*.get(120), jobIds: b.futures*.jobId.unique(), workIds: b.futures*.workId,
                       nodes: b.futures*.node.unique(), mapped: mapped, calls: ex.backend.engine().schedulerCalls()]
            ex.close()
            out
        ''')

        then:
        result.sum == 3
        result.fJob ==~ /\d+/
        result.fNode == InetAddress.localHost.hostName
        result.fState == JobState.DONE
        result.g == "${result.gJob}:1"
        result.squares == (0..9).collect { it * it } + [101, 102, 103]
        result.jobIds.size() == 1
        result.workIds == (0..12)*.toString()
        result.mapped == (2..7).toList()
        result.calls.submit == 1 + 1 + 1 + 1       // the map of a Collection is ONE job, its chunks the work items
        qube.jobs().values().find { it.name == 'squares' }.with { it.work.size() == 13 && it.cpus == 3 && it.options['--priority'] == '50' }
        qube.jobs().values().find { it.name == 'mapped' }.with { it.work.size() == 2 && it.options['--priority'] == '70' }
        qube.jobs().values().find { it.name == 'named' }.cpus == 1      // cpus: 2 for a job of one work item asks for 1
    }

    def "exceptions come back as themselves: script classes, remote frames, causes"() {
        when:
        run(FarmSpecs.THROWING_SCRIPT.replace('EXECUTOR', "executor([backend: 'qube'] + qube)"))

        then:
        def e = thrown(ExecutionException)
        FarmSpecs.thrownAsItself(e)
    }

    def "pipeline stages run on Qube, the pipeline's and a stage's own"() {
        when:
        def result = run('''
            def p = pipeline([keepOrder: true, backend: 'qube'] + qube) {
                stage { it * 2 }
            }
            def q = pipeline([keepOrder: true] + qube) {
                stage { it + 1 }
                stage({ it * 10 }, backend: 'qube', groups: 'render')
            }
            [stage: p.run(1..3), mixed: q.run(1..2)]
        ''')

        then:
        result.stage == [2, 4, 6]
        result.mixed == [20, 30]
        qube.jobs().values().any { it.options['--groups'] == 'render' }
    }

    def "waitFor over Qube futures yields each as it ends"() {
        when:
        def result = run('''
            def ex = executor([backend: 'qube'] + qube)
            def inFlight = (1..4).collect { n -> ex.submit({ it * 3 }, n) }
            def seen = []
            for (f in waitFor(inFlight, concurrency: 2)) {
                if (f != null) { seen << f.get() }
            }
            ex.close()
            seen.sort()
        ''')

        then:
        result == [3, 6, 9, 12]
    }

    def "a call whose JVM System.exits fails with the job id, the exit code and the log"() {
        when:
        run('''
            def ex = executor([backend: 'qube'] + qube)
            try {
                ex.submit({ println 'about to leave'; System.exit(3) }).get(120)
            } finally {
                ex.close()
            }
        ''')

        then:
        def e = thrown(ExecutionException)
        e.cause instanceof FarmFailure
        e.cause.exitCode == 3
        e.cause.message.contains('qube job ')
        e.cause.message.contains('failed: exit code 3')
        e.cause.logTail.contains('about to leave')
    }

    def "past the depth limit a job cannot submit jobs, and QBLVL counts as depth"() {
        when: 'the job runs at depth 1 (JOBLINE_DEPTH and QBLVL) with the limit at 1'
        def result = run('''
            def ex = executor([backend: 'qube'] + qube + [commandEnv: qube.commandEnv + [JOBLINE_MAX_DEPTH: '1']])
            try {
                ex.submit({
                    executor(backend: 'qube').submit({ 1 }).get()
                }).get(120)
            } catch (java.util.concurrent.ExecutionException e) {
                e.cause.message
            } finally {
                ex.close()
            }
        ''')

        then:
        result.startsWith('farm submission refused: this process runs in a farm job at depth 1 (JOBLINE_DEPTH=1)'
                + ' and the limit is 1')
    }

    def "cancel(true) of a running call kills its job with qbkill; close(cancelPending) kills the rest"() {
        when:
        def result = run('''
            def ex = executor([backend: 'qube'] + qube)
            def f = ex.submit({ Thread.sleep(300_000) })
            def others = ex.batch { (1..3).each { submit({ Thread.sleep(300_000) }) } }.futures
            while (f.state != JobState.RUNNING) { try { f.get(0.1) } catch (java.util.concurrent.TimeoutException ignored) { } }
            [f: f, cancelled: f.cancel(true), others: others, ex: ex]
        ''')
        result.ex.close(cancelPending: true)
        def jobs = qube.jobs()

        then:
        result.cancelled
        result.f.state == JobState.CANCELLED
        result.others*.state == [JobState.CANCELLED] * 3
        jobs[result.f.jobId].status == 'killed'
        jobs[result.others[0].jobId].status == 'killed'
        awaitNoLiveProcess(qube)
    }

    static boolean awaitNoLiveProcess(QubeStandIn qube) {
        long deadline = System.nanoTime() + 30_000_000_000L
        while (qube.livePids()) {
            assert System.nanoTime() < deadline: "stand-in processes still alive: ${qube.livePids()}"
            Thread.sleep(100)
        }
        true
    }
}
