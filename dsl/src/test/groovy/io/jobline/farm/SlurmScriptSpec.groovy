package io.jobline.farm

import io.jobline.dsl.JoblineDsl
import io.jobline.future.JobState
import io.jobline.remote.TamperedPacketException
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ExecutionException

/**
 * Job scripts with backend: 'slurm' on the real local cluster: their closures, methods and classes run as Slurm
 * array tasks (TaskMain on a call bundle in workDir), results and exceptions come back as on the process backend.
 */
@Requires({ SlurmCluster.usable() })
@Timeout(180)
class SlurmScriptSpec extends Specification {

    Path work = SlurmCluster.workDir('script')

    Object run(String script) {
        def binding = new Binding(workDir: work.toString())
        JoblineDsl.newShell(binding).evaluate(script, 'job.groovy')
    }

    def "an executor's calls, a batch (one array job) and map with chunk run on Slurm"() {
        when:
        def result = run('''
            def ex = executor(backend: 'slurm', workDir: workDir, pollInterval: 0.5)
            def f = ex.submit({ a, b -> a + b }, 1, 2)
            def b = ex.batch(name: 'squares') { (0..9).each { submit({ it * it }, it) } }
            def mapped = ex.map({ it + 1 }, 1..20, chunk: 5).toList()
            def out = [sum: f.get(120), fJob: f.jobId, fNode: f.node, squares: b.futures*.get(120),
                       jobIds: b.futures*.jobId.unique(), workIds: b.futures*.workId, nodes: b.futures*.node.unique(),
                       mapped: mapped, calls: ex.backend.engine().schedulerCalls()]
            ex.close()
            out
        ''')

        then:
        result.sum == 3
        result.fJob ==~ /\d+/
        result.fNode
        result.squares == (0..9).collect { it * it }
        result.jobIds.size() == 1
        result.workIds == (0..9)*.toString()
        result.mapped == (2..21).toList()
        result.calls.submit == 1 + 1 + 1      // submit, the batch, and the map of a Collection: ONE array job
    }

    def "exceptions come back as themselves: script classes, remote frames, causes"() {
        when:
        run(FarmSpecs.THROWING_SCRIPT.replace('EXECUTOR', "executor(backend: 'slurm', workDir: workDir, pollInterval: 0.5)"))

        then:
        def e = thrown(ExecutionException)
        FarmSpecs.thrownAsItself(e)
    }

    def "pipeline stages and @Task run on Slurm"() {
        when:
        def result = run('''
            @Task(backend = 'slurm')
            def cube(n) { n * n * n }
            def p = pipeline(keepOrder: true, backend: 'slurm', workDir: workDir, pollInterval: 0.5) {
                stage { it * 2 }
            }
            def q = pipeline(keepOrder: true) {
                stage { it + 1 }
                stage({ it * 10 }, backend: 'slurm')
            }
            [stage: p.run(1..3), mixed: q.run(1..2), task: cube(3).get(120)]
        ''')

        then:
        result.stage == [2, 4, 6]
        result.mixed == [20, 30]
        result.task == 27
    }

    def "a stage's own Slurm options (partition:) reach sbatch for that stage, over the pipeline's"() {
        when: 'Slurm tells each task its partition in SLURM_JOB_PARTITION'
        def result = run('''
            def p = pipeline(keepOrder: true, workDir: workDir, pollInterval: 0.5, partition: 'debug') {
                stage({ "${it}:${System.getenv('SLURM_JOB_PARTITION')}" }, backend: 'slurm', name: 'inherits')
                stage({ "${it}:${System.getenv('SLURM_JOB_PARTITION')}" }, backend: 'slurm', partition: 'render')
            }
            p.run(['a'])
        ''')

        then:
        result == ['a:debug:render']
    }

    def "a call whose JVM System.exits fails with the job id, the exit code and the log"() {
        when:
        run('''
            def ex = executor(backend: 'slurm', workDir: workDir, pollInterval: 0.5)
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
        e.cause.jobId ==~ /\d+_0/
        e.cause.message.contains('failed: exit code 3')
        e.cause.logTail.contains('about to leave')
    }

    def "a result not signed with the executor's key is refused"() {
        given: 'a result written by another executor'
        Path other = SlurmCluster.workDir('other')
        def foreign = run("""
            def ex = executor(backend: 'slurm', workDir: '$other', pollInterval: 0.5)
            ex.submit({ 42 }).get(120)
            def file = java.nio.file.Files.walk(java.nio.file.Paths.get('$other')).filter { it.fileName.toString() == 'result-0' }.findFirst().get()
            def copy = java.nio.file.Paths.get('$other', 'foreign-result')
            java.nio.file.Files.copy(file, copy)
            ex.close()
            copy.toString()
        """)

        when: 'a task puts it in place of its own and ends without writing one'
        run("""
            def ex = executor(backend: 'slurm', workDir: workDir, pollInterval: 0.5)
            try {
                ex.submit({
                    def dir = java.nio.file.Files.walk(java.nio.file.Paths.get('$work'))
                            .filter { it.fileName.toString().startsWith('calls-') }.findFirst().get()
                    java.nio.file.Files.copy(java.nio.file.Paths.get('$foreign'), dir.resolve('result-0'))
                    Runtime.runtime.halt(0)
                }).get(120)
            } finally {
                ex.close()
            }
        """)

        then:
        def e = thrown(ExecutionException)
        e.cause instanceof TamperedPacketException
        e.cause.message.contains('result-0')
    }

    def "past the depth limit a job cannot submit jobs"() {
        when: 'the job runs at depth 1 with the limit at 1'
        run('''
            def ex = executor(backend: 'slurm', workDir: workDir, pollInterval: 0.5,
                              extra: ['--export=ALL,JOBLINE_MAX_DEPTH=1'])
            try {
                ex.submit({ executor(backend: 'slurm').submit({ 1 }).get() }).get(120)
            } finally {
                ex.close()
            }
        ''')

        then:
        def e = thrown(ExecutionException)
        e.cause instanceof IllegalStateException
        e.cause.message.startsWith('farm submission refused: this process runs in a farm job at depth 1 '
                + '(JOBLINE_DEPTH=1) and the limit is 1')
    }

    def "cancel(true) of a running call kills its task; close(cancelPending) kills the rest with one scancel"() {
        when:
        def result = run('''
            def ex = executor(backend: 'slurm', workDir: workDir, pollInterval: 0.5)
            def f = ex.submit({ Thread.sleep(300_000) })
            def others = ex.batch { (1..3).each { submit({ Thread.sleep(300_000) }) } }.futures
            while (f.state != JobState.RUNNING) { f.get(0.1) ?: null }
            [f: f, cancelled: f.cancel(true), others: others, ex: ex]
        '''.replace('f.get(0.1) ?: null', 'try { f.get(0.1) } catch (java.util.concurrent.TimeoutException ignored) { }'))
        def kills = result.ex.backend.engine().schedulerCalls().kill ?: 0
        result.ex.close(cancelPending: true)

        then:
        result.cancelled
        result.f.state == JobState.CANCELLED
        result.others*.state == [JobState.CANCELLED] * 3
        result.ex.backend.engine().schedulerCalls().kill >= kills + 1
        SlurmCommandJobSpec.squeueLines(result.f.jobId).every { !(it =~ /PENDING|RUNNING/) }
        SlurmCommandJobSpec.squeueLines(result.others[0].jobId).every { !(it =~ /PENDING|RUNNING/) }
    }
}
