package io.jobline.backend.process

import static io.jobline.backend.process.Workers.work
import static io.jobline.backend.process.Workers.pidOf

import io.jobline.backend.Work
import io.jobline.future.JobFuture
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

/**
 * Calls that break the machinery around them rather than just failing: an exception that cannot be packed, a result
 * that cannot be read, a tool that keeps a dead worker's pipe open. Each call still ends (a result or a reported
 * error, within a bound: a hang shows as a failed get(20 s)), a broken worker is retired and a fresh one serves the
 * next call, and close leaves no process.
 */
@Timeout(120)
class ProcessBrokenCallSpec extends Specification {

    /** @return the call's failure, within 20 s (a hang fails the feature with a TimeoutException) */
    static Throwable failureOf(JobFuture future) {
        try {
            future.get(20, TimeUnit.SECONDS)
        } catch (ExecutionException e) {
            return e.cause
        }
        throw new AssertionError("expected a failure, got a result")
    }

    def "an exception whose getMessage() throws fails its call; the worker goes on serving"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        long pid = backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS)

        when:
        def failure = failureOf(backend.submit(work(new TestFunctions.ThrowBadMessage(), [])))

        then: 'it arrives as a RemoteFailure (as itself it would break whatever shows it); the worker is the same'
        failure instanceof io.jobline.shipping.RemoteFailure
        failure.remoteClassName == TestFunctions.BadMessageException.name
        failure.message == '<getMessage() threw java.lang.NullPointerException>'
        backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS) == pid

        cleanup:
        backend?.close()
        assert Workers.leftOver() == []
    }

    def "an exception too deep to pack (StackOverflowError in the worker) fails its call, naming its class"() {
        given:
        def backend = ProcessBackend.create([workers: 1])

        when:
        def failure = failureOf(backend.submit(work(new TestFunctions.ThrowDeep(), [200_000], [name: 'deep'])))

        then:
        failure.toString().contains(TestFunctions.DeepFailure.name)
        failure.toString().contains('StackOverflowError')
        backend.submit(work(new TestFunctions.Square(), [5])).get(20, TimeUnit.SECONDS) == 25L

        cleanup:
        backend?.close()
        assert Workers.leftOver() == []
    }

    def "a result whose readObject overflows the stack here fails its call; the worker goes on serving"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        long pid = backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS)

        when:
        def failure = failureOf(backend.submit(work(new TestFunctions.ReturnUndecodable(), ['StackOverflowError'],
                [name: 'deep result'])))

        then:
        failure instanceof IllegalStateException
        failure.message.startsWith("the result of work 'deep result' arrived from worker ")
        failure.message.contains('StackOverflowError')
        backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS) == pid

        cleanup:
        backend?.close()
        assert Workers.leftOver() == []
    }

    def "any other Error while reading a result fails its call and retires the worker; a fresh one serves the next"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        long pid = backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS)

        when:
        def failure = failureOf(backend.submit(work(new TestFunctions.ReturnUndecodable(), ['DecodeError'])))

        then:
        failure instanceof IllegalStateException
        failure.cause instanceof TestFunctions.DecodeError
        backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS) != pid
        !ProcessHandle.of(pid).map { it.alive }.orElse(false)

        cleanup:
        backend?.close()
        assert Workers.leftOver() == []
    }

    def "a killed worker's tools that inherited its pipes are killed with it: the next call runs, close leaves no process"() {
        given:
        def out = new LineCapture()
        def oldOut = System.out
        System.out = new PrintStream(out, true)
        def backend = ProcessBackend.create([workers: 1])

        when: 'the call started a tool holding the worker stdout and ignores the interrupt: the worker is killed'
        def spawner = backend.submit(work(new TestFunctions.SpawnAndSpin(), []))
        out.awaitContains('child ')
        long tool = Long.parseLong((out.text =~ /child (\d+)/)[0][1])
        long pid = pidOf(spawner)
        spawner.cancel(true)

        then: 'its death is seen at once, not when the tool ends'
        backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS) != pid
        ProcessHandle.of(tool).map { it.onExit().get(20, TimeUnit.SECONDS).alive }.orElse(false) == false

        cleanup:
        System.out = oldOut
        backend?.close()
        ProcessHandle.of(tool).ifPresent { it.destroyForcibly() }
        assert Workers.leftOver() == []
    }

    def "a worker killed from outside while a tool it started holds its stdout is still seen dead and replaced"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        def spawned = backend.submit(work(new TestFunctions.SpawnTool(), []))
        long tool = spawned.get(20, TimeUnit.SECONDS)
        long pid = pidOf(spawned)

        when:
        ProcessHandle.of(pid).get().destroyForcibly()

        then: 'the tool (no longer a descendant of the worker) holds the pipe, yet the next call runs on a fresh worker'
        backend.submit(work(new TestFunctions.Pid(), [])).get(20, TimeUnit.SECONDS) != pid

        cleanup:
        ProcessHandle.of(tool).ifPresent { it.destroyForcibly() }
        backend?.close()
        assert Workers.leftOver() == []
    }
}
