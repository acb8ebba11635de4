package io.jobline.pipeline

import io.jobline.backend.BackendScope
import io.jobline.pipeline.remote.HoldsThread
import io.jobline.pipeline.remote.RemoteStages
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * Pipelines whose stages run on the process backend: everything a stage does on threads, in worker JVMs, and what
 * happens when a worker dies. The functions are Java classes of the test class path (the workers have it).
 */
@Timeout(120)
class ProcessPipelineSpec extends Specification {

    @TempDir
    Path dir

    static Pipeline pipe(Map opts = [:], List stages) {
        def b = Pipeline.builder().options(opts)
        stages.each { s -> b.stage(s[0], s[1] as Map) }
        b.build()
    }

    /**
     * A run lets go of its backends before its results end; they linger warm for the next run (BackendScope). Once
     * the idle ones are closed, no worker JVM is left.
     */
    def cleanup() {
        assert BackendScope.shared().users().values().every { it == 0 }
        BackendScope.shared().closeIdle()
        assert ProcessHandle.current().descendants().noneMatch { it.alive }
    }

    static Set<Long> alivePids() {
        ProcessHandle.current().children().filter { it.alive }.map { it.pid() }.toList() as Set
    }

    def "a stage's own backend options configure its backend for that stage, over the pipeline's"() {
        given: 'the pipeline sets jobline.test=pipeline for the stages that run on the process backend'
        def options = [workers: 1, jvmArgs: '-Djobline.test=pipeline']

        expect:
        pipe(options, [[new RemoteStages.Property(), [backend: 'process']]]).run([1]) == ['pipeline']
        pipe(options, [[new RemoteStages.Property(), [backend: 'process', jvmArgs: '-Djobline.test=stage']]])
                .run([1]) == ['stage']
        pipe([:], [[new RemoteStages.Property(), [backend: 'process', jvmArgs: '-Djobline.test=stage']]])
                .run([1]) == ['stage']
    }

    def "a stage option that neither stages nor the stage's backend have lists both"() {
        when:
        pipe([:], [[new RemoteStages.Square(), [backend: 'process', jvmArg: '-Xmx1g']]])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith("stage 'stage1': unknown stage option 'jvmArg'; valid: ")
        e.message.contains('jvmArgs') && e.message.contains('threads') && e.message.contains('workers')
    }

    def "consecutive runs with the same backend options reuse the same warm workers; other options get other workers"() {
        given:
        def first = pipe([backend: 'process', workers: 2], [[new RemoteStages.Pid(), [threads: 2]]])
        def second = pipe([backend: 'process', workers: 2, name: 'again'], [[new RemoteStages.Pid(), [threads: 2]]])
        def other = pipe([backend: 'process', workers: 1], [[new RemoteStages.Pid(), [:]]])

        when:
        def pids1 = first.run(0..<200) as Set
        def warm = alivePids()
        def pids2 = second.run(0..<200) as Set
        def pids3 = first.run(0..<200) as Set
        def afterThree = alivePids()
        def pids4 = other.run(0..<20) as Set

        then: 'the worker JVMs the first run started served the next runs, and no other JVM was started for them'
        warm.size() == 2
        pids1.every { it in warm }
        pids2.every { it in warm } && pids3.every { it in warm }
        afterThree == warm

        and: 'a run with other backend options has workers of its own'
        pids4.size() == 1
        !(pids4.any { it in warm })

        and: 'between runs the backends are idle in the scope, not closed'
        BackendScope.shared().users().findAll { spec, users -> spec.name() == 'process' }.values() as List == [0, 0]
        warm.every { pid -> ProcessHandle.of(pid).map { it.alive }.orElse(false) }
    }

    def "a stage on the process backend runs in worker JVMs, in input order with keepOrder"() {
        when:
        def squares = pipe([workers: 2, keepOrder: true],
                [[new RemoteStages.Square(), [threads: 2, backend: 'process']]]).run(0..<300)
        def pids = pipe([workers: 2], [[new RemoteStages.Pid(), [threads: 2, backend: 'process']]]).run(0..<20)

        then:
        squares == (0..<300).collect { it * it }
        pids.size() == 20
        !pids.contains(ProcessHandle.current().pid())
    }

    def "emit-form and fanOut stages hand on every item they produce"() {
        when:
        def emitted = pipe([backend: 'process', workers: 2, keepOrder: true],
                [[new RemoteStages.PlusMinus(), [threads: 2]]]).run(1..50)
        def fanned = pipe([backend: 'process', workers: 1],
                [[new RemoteStages.Twice(), [fanOut: true]]]).run(1..20)

        then:
        emitted == (1..50).collectMany { [it, -it] }
        fanned.sort() == (1..20).collectMany { [it, it] }
    }

    def "dispatcher, rate, errors: 'ignore' and resizing mid-run work on process stages as on threads"() {
        when: 'items go to workers by key, at most 200/s into the second stage, which is resized while it runs'
        def run = pipe([backend: 'process', workers: 2, keepOrder: true], [
                [new RemoteStages.Square(), [threads: 3, by: { it % 3 }, name: 'square']],
                [new RemoteStages.Square(), [threads: 1, rate: 200, name: 'again']]]).start(0..<60)
        run.threads('again', 3)
        def outputs = run.results.toList()
        def ignored = pipe([backend: 'process', workers: 1, errors: 'ignore'],
                [[new RemoteStages.FailOdd(), [:]]]).run(0..<10)

        then:
        outputs == (0..<60).collect { it * it * it * it }
        run.stats().stages.find { it.name == 'again' }.threads == 3
        ignored.sort() == [0, 2, 4, 6, 8]
    }

    def "waitFor takes futures of a process-backed executor as they finish"() {
        given:
        def ex = io.jobline.executor.JobExecutor.create(backend: 'process', workers: 2)
        def inFlight = []
        def results = []
        def todo = (1..12).toList()

        when:
        for (f in io.jobline.future.Futures.waitFor(inFlight, 3)) {
            if (f != null) {
                results << f.get()
            } else if (todo) {
                inFlight << ex.submit(new RemoteStages.Square(), todo.remove(0))
            }
        }
        ex.close()

        then:
        results.sort() == (1..12).collect { it * it }
    }

    def "a function's exception reaches the run as an error with its cause and the worker's stack frames"() {
        when:
        def run = pipe([backend: 'process', workers: 2, errors: 'collect'],
                [[new RemoteStages.FailOdd(), [threads: 2]]]).start(0..<40)
        def outputs = run.results.toList()
        run.join()

        then:
        outputs.sort() == (0..<40).findAll { it % 2 == 0 }
        run.errors.size() == 20
        run.errors.every { StageError e ->
            e.exception instanceof IllegalStateException && e.exception.message == "odd ${e.item}" &&
                    e.exception.cause instanceof IOException &&
                    e.exception.stackTrace.any { it.className.endsWith('RemoteStages$FailOdd') }
        }
    }

    def "a stage submits its items in batches: 10,000 items in order, each an output, a drop or an error"() {
        when:
        def run = pipe([backend: 'process', workers: 2, keepOrder: true, errors: 'collect'],
                [[new RemoteStages.Mix(), [threads: 2, fanOut: true, inFlight: 3]]]).start(0..<10_000)
        def outputs = run.results.toList()
        run.join()
        def expected = (0..<10_000).collectMany { x ->
            x % 3 == 0 ? [] : x % 3 == 1 ? [x, -x] : x % 5 == 0 ? [] : [x]
        }

        then:
        outputs == expected
        run.errors*.item.sort() == (0..<10_000).findAll { it % 3 == 2 && it % 5 == 0 }
        run.errors.every { it.exception instanceof IllegalStateException && it.exception.message == "no $it.item" }
        def stage = run.stats().stages[0]
        stage.in == 10_000
        stage.dropped == (0..<10_000).count { it % 3 == 0 }
        stage.errors == run.errors.size()
    }

    def "inFlight must be a whole number of batches"() {
        when:
        pipe([backend: 'process'], [[new RemoteStages.Square(), [inFlight: 0]]])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains("inFlight: must be a whole number >= 1, got 0")
    }

    def "a worker killed with SIGKILL in the middle of 1,000 items: every item ends as an output or an error"() {
        given:
        def dies = new RemoteStages.DieOnce(300, dir.resolve('killed'), false)

        when:
        def run = pipe([backend: 'process', workers: 2, errors: 'collect'], [[dies, [threads: 2]]]).start(0..<1000)
        def outputs = run.results.toList()
        run.join()

        then:
        outputs.size() + run.errors.size() == 1000
        run.errors*.item == [300]
        run.errors[0].exception.message.contains('SIGKILL')
        outputs.toSet() == ((0..<1000) - 300).toSet()
    }

    def "with retries the item whose worker was killed runs again on a fresh worker, and all 1,000 succeed"() {
        given:
        def stageRetry = new RemoteStages.DieOnce(300, dir.resolve('killed-stage'), false)
        def backendRetry = new RemoteStages.DieOnce(700, dir.resolve('killed-backend'), false)

        expect: 'a stage retry'
        pipe([backend: 'process', workers: 2], [[stageRetry, [threads: 2, retries: 1]]]).run(0..<1000).sort() ==
                (0..<1000).toList()

        and: "the process backend's own retry of work whose worker died"
        pipe([backend: 'process', workers: 2, retries: 1], [[backendRetry, [threads: 2]]]).run(0..<1000).sort() ==
                (0..<1000).toList()
    }

    def "System.exit inside a task fails that item only, saying how the worker ended"() {
        when:
        def run = pipe([backend: 'process', workers: 1, errors: 'collect'],
                [[new RemoteStages.DieOnce(5, dir.resolve('exited'), true), [:]]]).start(0..<10)
        def outputs = run.results.toList()
        run.join()

        then:
        outputs.sort() == (0..<10) - 5
        run.errors*.item == [5]
        run.errors[0].exception.message.contains('exit')
        run.errors[0].exception.message.contains('3')
    }

    def "stats name the worker that is busy with a stage"() {
        given: 'worker lines come to our System.out; the first says the item has started'
        def started = new CountDownLatch(1)
        def original = System.out
        def watch = new PrintStream(new OutputStream() {
            StringBuilder line = new StringBuilder()

            void write(int b) {
                if (b == (int) '\n') {
                    if (line.toString().contains('started 7')) {
                        started.countDown()
                    }
                    line.setLength(0)
                } else {
                    line.append((char) b)
                }
            }
        }, true)
        System.setOut(watch)
        def release = dir.resolve('release')

        when:
        def run = pipe([backend: 'process', workers: 1], [[new RemoteStages.HoldUntil(release), [name: 'hold']]]).start([7])
        assert started.await(60, TimeUnit.SECONDS)
        def busy = run.stats().stages[0]
        Files.createFile(release)
        def outputs = run.results.toList()

        then:
        busy.backend == 'process'
        busy.workers.size() == 1
        busy.workers[0].startsWith('worker ')
        busy.toMap().workers == busy.workers
        outputs == [7]
        run.stats().stages[0].workers.isEmpty()

        cleanup:
        System.setOut(original)
    }

    def "a function that cannot be shipped stops the run before anything is sent, naming the stage"() {
        when:
        pipe([backend: 'process'], [[new HoldsThread(), [name: 'holder']]]).run(0..3)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith("stage 'holder'")
        e.message.contains('java.lang.Thread')
        e.message.contains('worker process')
    }

    def "backend options on a pipeline whose stages all run on threads are refused, not ignored"() {
        when:
        pipe([workers: 2, name: 'local'], [[new RemoteStages.Square(), [threads: 2]]])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "pipeline 'local': workers configure the backend of stages that run elsewhere (e.g. " +
                "backend: 'process'), but every stage of this pipeline runs on threads; a stage's own threads: sets " +
                "how many it has"
    }

    def "a bad backend option value is reported when the pipeline is built, naming pipeline and backend"() {
        when:
        pipe([backend: 'process', workers: 0, name: 'bad'], [[new RemoteStages.Square(), [:]]])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "pipeline 'bad', backend 'process': workers: must be a whole number >= 1, got 0"
        ProcessHandle.current().descendants().noneMatch { it.alive }
    }

    def "backend options are checked with the pipeline's own"() {
        when:
        pipe([backend: 'process', wrokers: 2], [[new RemoteStages.Square(), [:]]])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains("unknown pipeline option 'wrokers'")
        e.message.contains('workers')
        e.message.contains('jvmArgs')
    }
}
