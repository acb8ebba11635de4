package io.jobline.backend.process

import static io.jobline.backend.process.Workers.work
import static io.jobline.backend.process.Workers.pidOf

import io.jobline.backend.Work
import io.jobline.future.JobFuture
import io.jobline.future.JobState
import spock.lang.Specification
import spock.lang.Timeout

import java.nio.file.Files
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

/**
 * Issue 16: calls a dead worker never began go to a fresh worker; a retried call shows its real state; garbage on a
 * worker's stdout cannot exhaust the caller's heap; a stalled System.out does not hold up results.
 */
@Timeout(120)
class ProcessReliabilitySpec extends Specification {

    static void signal(String name, long pid) {
        def kill = new ProcessBuilder('kill', "-$name", "$pid").inheritIO().start()
        assert kill.waitFor() == 0
    }

    /**
     * Waits (bounded) until every thread of {@code pid} is stopped ('T' in /proc): kill(1) returns once SIGSTOP is
     * sent, and a thread that was running may take a moment to stop.
     */
    static void awaitStopped(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        while (!new File("/proc/$pid/task").listFiles().every { stateOf(new File(it, 'stat')) in ['T', 't', 'X'] }) {
            assert System.nanoTime() < deadline: "worker $pid did not stop"
            Thread.onSpinWait()
        }
    }

    /** @return a /proc stat file's state letter (the field after the parenthesised name); 'X' for a thread gone */
    static String stateOf(File stat) {
        try {
            String text = stat.text
            text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3)
        } catch (IOException ignored) {
            'X'
        }
    }

    /** Waits (generously) until the backend has seen the worker's death: it no longer lists its pid. */
    static void awaitGone(ProcessBackend backend, long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        while (pid in backend.workerPids()) {
            assert System.nanoTime() < deadline: "the backend did not see worker $pid die"
            Thread.onSpinWait()
        }
    }

    def "a call sent to an idle worker that dies before it reads the call goes to a fresh worker, with no retries"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        long pid = backend.submit(work(new TestFunctions.Pid(), [])).get()

        when: 'the idle worker is stopped, so the call waits unread in its pipe, and then killed'
        signal('STOP', pid)
        awaitStopped(pid)
        def future = backend.submit(work(new TestFunctions.Pid(), [], [name: 'unread']))
        signal('KILL', pid)

        then: 'the call never began: it runs on the replacement'
        future.get(60, TimeUnit.SECONDS) != pid

        cleanup:
        backend?.close()
    }

    def "a call submitted just after an idle worker was killed runs on a fresh worker"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        long pid = backend.submit(work(new TestFunctions.Pid(), [])).get()

        when:
        ProcessHandle.of(pid).get().destroyForcibly()
        ProcessHandle.of(pid).get().onExit().get()
        def future = backend.submit(work(new TestFunctions.Pid(), []))

        then:
        future.get(60, TimeUnit.SECONDS) != pid

        cleanup:
        backend?.close()
    }

    def "a retried call is PENDING again while it waits for a new worker, not RUNNING on the dead one"() {
        given:
        def backend = ProcessBackend.create([workers: 1, retries: 1])
        def marker = Files.createTempDirectory('jobline-retry').resolve('started')
        def out = new LineCapture()
        def oldOut = System.out
        System.out = new PrintStream(out, true)
        def victim = backend.submit(work(new TestFunctions.SlowFirstTime(), [marker.toString(), 5]))
        out.awaitContains("started $marker")
        long pid = pidOf(victim)
        String deadNode = victim.node

        when:
        ProcessHandle.of(pid).get().destroyForcibly()
        awaitGone(backend, pid)

        then: 'queued again (or already running on the replacement), never RUNNING on the dead worker'
        def state = victim.state
        def node = victim.node
        (state == JobState.PENDING && node == null) || (state != JobState.PENDING && node != deadNode)
        victim.get(60, TimeUnit.SECONDS) == 25L

        cleanup:
        System.out = oldOut
        backend?.close()
        marker?.parent?.toFile()?.deleteDir()
    }

    def "a frame header with an absurd length on a worker's stdout fails that call and leaves the caller's heap alone"() {
        given:
        def backend = ProcessBackend.create([workers: 1])

        when:
        def future = backend.submit(work(new TestFunctions.BogusFrame(), [Integer.MAX_VALUE - 16]))
        future.get(60, TimeUnit.SECONDS)

        then:
        def e = thrown(ExecutionException)
        e.cause instanceof WorkerDiedException
        e.cause.message.contains('frame of 2147483631 bytes')
        backend.submit(work(new TestFunctions.Square(), [6])).get(60, TimeUnit.SECONDS) == 36L

        cleanup:
        backend?.close()
    }

    def "a stalled System.out does not hold up results: worker output waits in a bounded buffer"() {
        given:
        def backend = ProcessBackend.create([workers: 1])
        backend.submit(work(new TestFunctions.Pid(), [])).get()
        def release = new CountDownLatch(1)
        def stalled = new OutputStream() {
            @Override
            void write(int b) {
                release.await()
            }
        }
        def oldOut = System.out
        System.out = new PrintStream(stalled, true)

        when:
        def results = (1..3).collect { backend.submit(work(new TestFunctions.Print(), [it])).get(60, TimeUnit.SECONDS) }

        then:
        results == ['printed'] * 3

        cleanup:
        System.out = oldOut
        release.countDown()
        backend?.close()
    }
}
