package io.jobline.farm

import io.jobline.dsl.JoblineDsl
import io.jobline.farm.qube.QubeStandIn
import spock.lang.Specification
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.time.Duration
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.logging.Handler
import java.util.logging.LogRecord
import java.util.logging.Logger

import static io.jobline.farm.FarmSpecs.eventually

/**
 * The farm engine's polling thread against bad input, on the stand-in Qube: a callback or an adapter that throws an
 * Error, a status command that never ends or whose child keeps its output open, a result whose decoding throws an
 * Error. Polling goes on (logged), a hung command is killed after its limit, and no waiter ever hangs.
 */
@Timeout(240)
class FarmPollerSpec extends Specification {

    QubeStandIn qube = new QubeStandIn('poller')
    Path fakes = Files.createDirectories(qube.workDir.resolveSibling('fake-bin'))
    Queue<String> logged = new ConcurrentLinkedQueue<>()
    Queue<Throwable> thrown = new ConcurrentLinkedQueue<>()
    Logger jobline = Logger.getLogger('io.jobline')     // held: JUL keeps loggers weakly
    Handler handler = new Handler() {
        void publish(LogRecord record) {
            logged << record.message + (record.thrown ? ' / ' + record.thrown : '')
            if (record.thrown) {
                thrown << record.thrown
            }
        }
        void flush() {}
        void close() {}
    }
    List<FarmEngine> engines = []

    def setup() {
        jobline.addHandler(handler)
    }

    def cleanup() {
        engines*.close()
        jobline.removeHandler(handler)
        Path pids = fakes.resolve('pids')
        if (Files.exists(pids)) {
            Files.readAllLines(pids)*.trim().findAll().each { ProcessHandle.of(it as long).ifPresent { it.destroyForcibly() } }
        }
    }

    /** A scheduler that is the stand-in Qube, except that reading the status throws {@code error} while it is set. */
    static class BrokenStatus implements Scheduler {
        @Delegate Scheduler real = Schedulers.named('qube')
        volatile Throwable error

        Map<TaskId, TaskStatus> parseStatus(String output, String errors, int exitCode) {
            if (error != null) {
                throw error
            }
            real.parseStatus(output, errors, exitCode)
        }
    }

    FarmEngine engine(Scheduler scheduler = Schedulers.named('qube'), Map options = qube.options(),
                      Duration commandLimit = Duration.ofMinutes(2)) {
        def engine = new FarmEngine(scheduler, FarmSettings.of(options), commandLimit)
        engines << engine
        engine
    }

    /** @return a task running {@code command}, submitted as a job of its own */
    static FarmTask submitted(FarmEngine engine, String command = 'true', Closure onRunning = null) {
        def task = new FarmTask(command, command)
        if (onRunning) {
            task.onRunning(onRunning)
        }
        engine.submit('poller', [task], [:], 0)
        task
    }

    /** @return farm options whose {@code qbjobs} is this shell script, the stand-in's other tools as they are */
    Map<String, Object> withQbjobs(String script, Path real = null) {
        Path file = fakes.resolve('qbjobs')
        Files.writeString(file, '#!/bin/sh\n' + script + '\n')
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rwx------'))
        qube.options(commandEnv: qube.env(PATH: fakes.toString() + File.pathSeparator + qube.env().PATH,
                FAKES: fakes.toString(), REAL: String.valueOf(real)))
    }

    def "an onRunning callback that throws an AssertionError is logged, and the poller goes on"() {
        given:
        def engine = engine()

        when:
        def bad = submitted(engine, 'true') { assert false }
        def next = submitted(engine)

        then:
        bad.outcome().get(60, TimeUnit.SECONDS).exitCode() == 0
        next.outcome().get(60, TimeUnit.SECONDS).exitCode() == 0
        logged.any { it.contains('the onRunning callback of FarmTask[true') && it.contains('(ignored: polling goes on)') }
        thrown.any { it instanceof AssertionError }     // Spock's failed assert is one
    }

    def "an Error from reading the status is logged each poll; tasks end by their files and polling goes on"() {
        given:
        def broken = new BrokenStatus(error: new AssertionError('unreadable status'))
        def engine = engine(broken)

        when:
        def first = submitted(engine)
        def second = submitted(engine, 'exit 3')

        then:
        first.outcome().get(60, TimeUnit.SECONDS).exitCode() == 0
        when:
        second.outcome().get(60, TimeUnit.SECONDS)
        then:
        def e = thrown(ExecutionException)
        e.cause instanceof FarmFailure && e.cause.exitCode == 3
        logged.any { it.contains('qube status unavailable this poll (java.lang.AssertionError: unreadable status)') }
    }

    def "a VirtualMachineError ends the poller, but every task it watched fails with it and the next job polls again"() {
        given:
        def oom = new OutOfMemoryError('test: no memory to read the status')
        def broken = new BrokenStatus(error: oom)
        def engine = engine(broken)
        def tasks = [new FarmTask('one', 'true'), new FarmTask('two', 'true')]

        when: 'the first poll throws it, before any file is looked at'
        engine.submit('doomed', tasks, [:], 0)
        tasks[0].outcome().get(60, TimeUnit.SECONDS)

        then:
        def e = thrown(ExecutionException)
        e.cause.message.contains("farm's polling thread died of java.lang.OutOfMemoryError")
        e.cause.cause.is(oom)

        when:
        tasks[1].outcome().get(60, TimeUnit.SECONDS)

        then:
        def e2 = thrown(ExecutionException)
        e2.cause.cause.is(oom)

        when: 'the adapter recovers; a new job gets a new poller'
        broken.error = null
        def next = submitted(engine)

        then:
        next.outcome().get(60, TimeUnit.SECONDS).exitCode() == 0
    }

    def "a status command that never ends is killed after the limit; the poll fails naming it, tasks end by their files"() {
        given:
        // 10 s: the limit is every command's, the stand-in's qbsub (python) included, on a loaded machine
        def engine = engine(Schedulers.named('qube'), withQbjobs('echo $$ >> "$FAKES/pids"; exec sleep 600'),
                Duration.ofSeconds(10))

        when:
        def task = submitted(engine)

        then:
        task.outcome().get(60, TimeUnit.SECONDS).exitCode() == 0
        logged.any { it.contains('qube status unavailable this poll') && it.contains('qbjobs --xml --status …')
                && it.contains('did not end within 10 s; killed it') }
        eventually { Files.exists(fakes.resolve('pids')) }
        eventually { Files.readAllLines(fakes.resolve('pids'))*.trim().findAll().every { !QubeStandIn.alive(it as long) } }
    }

    def "a status command that leaves a child holding its output still answers, at once"() {
        given: 'a slow qbjobs that starts a process keeping its stdout and stderr open, then answers'
        def engine = engine(Schedulers.named('qube'), withQbjobs('sleep 600 & echo $! >> "$FAKES/pids"; sleep 1; '
                + 'exec "$REAL" "$@"', QubeStandIn.bin().resolve('qbjobs')), Duration.ofSeconds(30))

        when:
        def task = submitted(engine)

        then: 'every status call answered, none waited for the child'
        task.outcome().get(60, TimeUnit.SECONDS).exitCode() == 0
        engine.lastAnswers().status.contains('<joblist>')
        !logged.any { it.contains('status unavailable') }
    }

    def "a result whose decoding throws an Error fails its future with it"() {
        when:
        JoblineDsl.newShell(new Binding(qube: qube.options())).evaluate('''
            class Poison implements Serializable {
                private void readObject(java.io.ObjectInputStream s) { throw new StackOverflowError('decoding Poison') }
            }
            def ex = executor([backend: 'qube'] + qube)
            try {
                ex.submit({ new Poison() }).get(60)
            } finally {
                ex.close()
            }
        ''', 'job.groovy')

        then:
        def e = thrown(ExecutionException)
        e.cause instanceof StackOverflowError && e.cause.message == 'decoding Poison'
    }

    def "a work item's onDone callback that throws is logged, naming the item"() {
        given:
        def farm = Farm.create('qube', qube.options())

        when:
        def job = farm.job([name: 'callbacks', frames: 1], 'true')
        job.workItems[0].onDone { throw new IllegalStateException('boom in onDone') }
        job.join()

        then:
        eventually { logged.any { it.contains('the onDone callback of frames 1') && it.contains('boom in onDone') } }

        cleanup:
        farm?.close()
    }
}
