package io.jobline.backend.process

import static io.jobline.backend.process.Workers.work
import static io.jobline.backend.process.Workers.pidOf

import io.jobline.backend.Work
import io.jobline.future.JobFuture
import io.jobline.future.JobState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException

/** Workers that die (killed, System.exit, out of memory, never start): every future still ends, and workers are replaced. */
@Timeout(60)
class ProcessWorkerDeathSpec extends Specification {

    /** One worker with a small heap, so that each feature knows which worker runs what. */
    @Shared
    ProcessBackend single = ProcessBackend.create([workers: 1, jvmArgs: '-Xmx48m'])

    def cleanupSpec() {
        single.close()
        assert Workers.leftOver() == []
    }

    static Throwable failureOf(JobFuture future) {
        try {
            future.get()
        } catch (ExecutionException e) {
            return e.cause
        }
        throw new AssertionError("expected a failure, got a result")
    }

    def "System.exit in a call fails it with the exit code and the worker's last stderr lines; the worker is replaced"() {
        given:
        long before = single.submit(work(new TestFunctions.Pid(), [])).get()

        when:
        def future = single.submit(work(new TestFunctions.Exit(), [3], [name: 'quitter']))
        def failure = failureOf(future)

        then:
        failure instanceof WorkerDiedException
        failure.message.startsWith("worker ")
        failure.message.contains("(pid $before) died while running work 'quitter': exited with code 3")
        failure.message.contains('exiting with 3')
        failure.exitCode == 3
        single.submit(work(new TestFunctions.Pid(), [])).get() != before
        !ProcessHandle.of(before).map { it.alive }.orElse(false)
    }

    def "a batch's calls wait in the worker behind the running one; killing it fails that call only, the rest run on its replacement"() {
        given:
        def out = new LineCapture()
        def oldOut = System.out
        System.out = new PrintStream(out, true)
        def marker = Files.createTempDirectory('jobline-batch').resolve('slow')
        def works = [work(new TestFunctions.SlowFirstTime(), [marker.toString(), 2])] +
                (3..9).collect { work(new TestFunctions.Square(), [it]) }

        when:
        def futures = single.submitBatch(works, [:])
        out.awaitContains("started $marker")
        def pid = pidOf(futures[0])

        then: 'all eight were sent to the one worker'
        ProcessBackend.PIPELINED >= 8
        futures.every { it.state == JobState.RUNNING && pidOf(it) == pid }

        when:
        ProcessHandle.of(pid).get().destroyForcibly()

        then:
        failureOf(futures[0]) instanceof WorkerDiedException
        futures[1..-1]*.get() == (3..9).collect { (long) it * it }
        futures[1..-1].every { pidOf(it) != pid }

        cleanup:
        System.out = oldOut
    }

    def "calls of one family (a map's chunks) wait in the worker behind each other; other calls wait for an idle worker"() {
        given: 'the worker is up and idle'
        single.submit(work(new TestFunctions.Square(), [1])).get()
        def first = Work.of(new TestFunctions.Sleep(), [60_000, 'first'] as Object[], null).asFamily()

        when:
        def running = single.submit(first)
        def behind = single.submit(first.withArgs([0, 'behind'] as Object[]))
        def plain = single.submit(work(new TestFunctions.Square(), [5]))
        def other = single.submit(Work.of(new TestFunctions.Square(), [6] as Object[], null).asFamily())

        then:
        running.state == JobState.RUNNING
        behind.state == JobState.RUNNING
        pidOf(behind) == pidOf(running)
        plain.state == JobState.PENDING
        other.state == JobState.PENDING

        when:
        running.cancel(true)

        then:
        behind.get() == 'behind'
        plain.get() == 25L
        other.get() == 36L
    }

    def "cancelling a batch call that waits in the worker skips it there, without killing the worker"() {
        given:
        def futures = single.submitBatch([work(new TestFunctions.Sleep(), [1000, 'slept']),
                                          work(new TestFunctions.Square(), [4])], [:])
        def pid = pidOf(futures[0])

        when:
        futures[1].cancel(true)

        then:
        futures[0].get() == 'slept'
        futures[1].cancelled
        single.submit(work(new TestFunctions.Pid(), [])).get() == pid
    }

    def "running out of memory ends the worker, and the call fails saying so"() {
        when:
        def failure = failureOf(single.submit(work(new TestFunctions.Hog(), [])))

        then:
        failure instanceof WorkerDiedException
        failure.message.contains('exited with code 3')
        failure.message.contains('OutOfMemoryError')
        single.submit(work(new TestFunctions.Square(), [7])).get() == 49L
    }

    def "cancelling a call that waits for a worker means it is never sent"() {
        given:
        def out = new LineCapture()
        def oldOut = System.out
        System.out = new PrintStream(out, true)
        def busy = single.submit(work(new TestFunctions.Sleep(), [300, 'slept']))
        def waiting = single.submit(work(new TestFunctions.Print(), ['never']))

        when:
        waiting.cancel(true)

        then:
        waiting.cancelled
        busy.get() == 'slept'
        // Output comes before results: had the cancelled call run, its lines would be here by now.
        single.submit(work(new TestFunctions.Print(), ['after'])).get() == 'printed'
        out.text.contains('out after')
        !out.text.contains('never')

        cleanup:
        System.out = oldOut
    }

    def "cancel(true) interrupts a running call; the worker stays and runs the next one"() {
        given:
        long pid = single.submit(work(new TestFunctions.Pid(), [])).get()
        def origin = new io.jobline.backend.WorkOrigin(7, 'napping')
        def future = single.submit(Work.of(new TestFunctions.Sleep(), [60_000, 'late'] as Object[], [name: 'nap'], origin))

        expect: 'the worker was idle, so the call was sent at once; the backend tells what it runs by its origin'
        future.state.name() == 'RUNNING'
        single.busyWorkers() == [("worker ${(future.node =~ /worker (\d+)/)[0][1]} (pid $pid)".toString()): origin]

        when:
        future.cancel(true)

        then:
        future.cancelled
        single.submit(work(new TestFunctions.Pid(), [])).get() == pid
        single.busyWorkers() == [:]
    }

    def "cancel(true) of a call that ignores interrupts kills its worker after the grace, and a new worker takes over"() {
        given:
        def out = new LineCapture()
        def oldOut = System.out
        System.out = new PrintStream(out, true)
        def future = single.submit(work(new TestFunctions.Spin(), []))
        def next = single.submit(work(new TestFunctions.Pid(), []))

        when: 'it has started (a call cancelled before it starts simply does not run)'
        out.awaitContains('spinning')
        long spinning = pidOf(future)
        future.cancel(true)

        then:
        future.cancelled
        next.get() != spinning
        !ProcessHandle.of(spinning).map { it.alive }.orElse(false)

        cleanup:
        System.out = oldOut
    }

    def "a timeout fails the call with a TimeoutException naming the limit, and stops it"() {
        given:
        long pid = single.submit(work(new TestFunctions.Pid(), [])).get()

        when:
        def sleeper = single.submit(work(new TestFunctions.Sleep(), [60_000, 'late'], [timeout: 0.3]))
        def failure = failureOf(sleeper)

        then:
        failure instanceof java.util.concurrent.TimeoutException
        failure.message == "task ${sleeper.jobId} did not finish within its timeout of 0.3 s".toString()
        single.submit(work(new TestFunctions.Pid(), [])).get() == pid

        when: 'a call that ignores the interrupt'
        def spinner = single.submit(work(new TestFunctions.Spin(), [], [name: 'spinner', timeout: java.time.Duration.ofMillis(200)]))
        failure = failureOf(spinner)

        then: 'the worker is free again (killed and replaced, unless the call had not started yet)'
        failure instanceof java.util.concurrent.TimeoutException
        failure.message == "work 'spinner' did not finish within its timeout of 0.2 s"
        single.submit(work(new TestFunctions.Square(), [3])).get() == 9L
    }

    def "bad jvmArgs fail the waiting calls with the worker's stderr, without restarting it again and again"() {
        given:
        def broken = ProcessBackend.create([workers: 2, jvmArgs: ['-XX:+NoSuchFlag']])

        when:
        def futures = (1..5).collect { broken.submit(work(new TestFunctions.Square(), [it])) }
        def failures = futures.collect { failureOf(it) }

        then:
        failures.every { it instanceof WorkerDiedException }
        failures[0].message.contains('before it was ready: exited with code 1')
        failures[0].message.contains("Unrecognized VM option 'NoSuchFlag'")

        cleanup:
        broken?.close()
        assert Workers.leftOver(single) == []
    }

    def "a worker killed with SIGKILL in the middle of 1,000 calls: every future ends, the killed call fails (#retries retries: #outcome)"() {
        given:
        def backend = ProcessBackend.create([workers: 2, retries: retries])
        Path marker = Files.createTempDirectory('jobline-kill').resolve('started')
        def hundredDone = new CountDownLatch(100)
        def out = new LineCapture()
        def oldOut = System.out
        System.out = new PrintStream(out, true)

        when: 'the first call is slow the first time it runs; the worker running it is killed while the others go on'
        def victim = backend.submit(work(new TestFunctions.SlowFirstTime(), [marker.toString(), 1000], [name: 'victim']))
        def others = (1..999).collect {
            backend.submit(work(new TestFunctions.Sleep(), [1, it])).onDone { hundredDone.countDown() }
        }
        out.awaitContains("started $marker")
        hundredDone.await()
        long pid = pidOf(victim)
        ProcessHandle.of(pid).get().destroyForcibly()

        then:
        others*.get() == (1..999).toList()
        if (retries == 0) {
            def failure = failureOf(victim)
            assert failure instanceof WorkerDiedException
            assert failure.message.contains("(pid $pid) died while running work 'victim': killed by signal 9 (SIGKILL)")
        } else {
            assert victim.get() == 1_000_000L
            assert pidOf(victim) != pid
        }

        cleanup:
        System.out = oldOut
        backend?.close()
        marker?.parent?.toFile()?.deleteDir()
        assert Workers.leftOver(single) == []

        where:
        retries | outcome
        0       | 'it fails with WorkerDiedException'
        1       | 'it runs again and succeeds'
    }

    def "close() cancels what waits and what runs, refuses new work and leaves no process"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        def running = backend.submit(work(new TestFunctions.Spin(), []))
        def waiting = backend.submit(work(new TestFunctions.Square(), [2]))

        when:
        backend.close()

        then:
        running.cancelled
        waiting.cancelled
        Workers.leftOver(single) == []

        when:
        backend.submit(work(new TestFunctions.Square(), [2]))

        then:
        def e = thrown(IllegalStateException)
        e.message == 'the process backend is closed; it accepts no more work'
    }

    def "drain() lets queued calls finish (or cancels them) and then refuses new work"() {
        given:
        def backend = ProcessBackend.create([workers: 2])
        def futures = (1..10).collect { backend.submit(work(new TestFunctions.Sleep(), [20, it])) }

        when:
        backend.drain(false)

        then:
        futures.every { it.done }
        futures*.get() == (1..10).toList()

        when:
        backend.submit(work(new TestFunctions.Square(), [2]))

        then:
        thrown(IllegalStateException)

        cleanup:
        backend?.close()
        assert Workers.leftOver(single) == []
    }

    def "drain(true) cancels the queued calls and waits for the running one"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        backend.submit(work(new TestFunctions.Pid(), [])).get()
        // The worker is ready and idle: this call is sent at once, the next ones wait.
        def running = backend.submit(work(new TestFunctions.Sleep(), [300, 'slept']))
        def queued = (1..5).collect { backend.submit(work(new TestFunctions.Square(), [it])) }

        when:
        backend.drain(true)

        then:
        queued.every { it.cancelled }
        running.done
        running.get() == 'slept'

        cleanup:
        backend?.close()
        assert Workers.leftOver(single) == []
    }
}
