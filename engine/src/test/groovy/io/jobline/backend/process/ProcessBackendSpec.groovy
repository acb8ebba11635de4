package io.jobline.backend.process

import static io.jobline.backend.process.Workers.work

import io.jobline.backend.BackendSpec
import io.jobline.backend.Backends
import io.jobline.backend.Work
import io.jobline.shipping.NotShippableException
import io.jobline.shipping.RemoteFailure
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import javax.tools.ToolProvider
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ExecutionException

/** Results, failures, output and options of the process backend, on one backend of two workers shared by all. */
@Timeout(60)
class ProcessBackendSpec extends Specification {

    @Shared
    ProcessBackend backend

    /** Holds a class that only the workers can load (it is on their extra class path). */
    @Shared
    Path workerOnly

    def setupSpec() {
        workerOnly = Files.createTempDirectory('jobline-worker-only')
        Path source = workerOnly.resolve('SecretFailure.java')
        Files.writeString(source, 'package hidden; public class SecretFailure extends RuntimeException { ' +
                'public SecretFailure(String message) { super(message); } }')
        assert ToolProvider.systemJavaCompiler.run(null, null, null, '-d', workerOnly.toString(), source.toString()) == 0
        backend = ProcessBackend.create([workers: 2, jvmArgs: ['-Xmx64m'], classpath: [workerOnly.toString()],
                                         env: [JOBLINE_SPEC: 'yes']])
    }

    def cleanupSpec() {
        backend?.close()
        workerOnly?.toFile()?.deleteDir()
        assert Workers.leftOver() == []
    }

    static Throwable failureOf(future) {
        try {
            future.get()
        } catch (ExecutionException e) {
            return e.cause
        }
        throw new AssertionError("expected a failure, got a result")
    }

    def "runs calls in worker processes and returns their results"() {
        when:
        def futures = (1..20).collect { backend.submit(work(new TestFunctions.Square(), [it])) }

        then:
        futures*.get() == (1..20).collect { (long) it * it }
        futures.every { it.node ==~ /worker \d+ \(pid \d+\)/ }
        futures*.jobId.unique().size() == 20
        backend.submit(work(new TestFunctions.Pid(), [])).get() != ProcessHandle.current().pid()
    }

    def "a batch is one job: its futures share a job id and have work ids in order"() {
        when:
        def futures = backend.submitBatch((1..5).collect { work(new TestFunctions.Square(), [it]) }, [:])

        then:
        futures*.get() == [1L, 4L, 9L, 16L, 25L]
        futures*.jobId.unique().size() == 1
        futures*.workId == ['0', '1', '2', '3', '4']
    }

    def "the exception of a call arrives as itself, with its message, causes, suppressed and the worker's frames"() {
        when:
        def failure = failureOf(backend.submit(work(new TestFunctions.Fail(), ['boom'])))

        then:
        failure instanceof IllegalStateException
        failure.message == 'outer: boom'
        failure.cause instanceof IOException
        failure.cause.message == 'inner cause'
        failure.suppressed*.message == ['suppressed one']
        failure.stackTrace[0].className == TestFunctions.Fail.name
        failure.stackTrace.any { it.className == TaskRunner.name }
    }

    def "an exception whose class the caller does not have arrives as a RemoteFailure with its name, message and frames"() {
        when:
        Class.forName('hidden.SecretFailure')

        then:
        thrown(ClassNotFoundException)

        when:
        def failure = failureOf(backend.submit(work(new TestFunctions.ThrowByName(), ['hidden.SecretFailure', 'psst'])))

        then:
        failure instanceof RemoteFailure
        failure.remoteClassName == 'hidden.SecretFailure'
        failure.message == 'psst'
        failure.toString() == 'hidden.SecretFailure: psst'
        failure.stackTrace.any { it.className == TestFunctions.ThrowByName.name }
    }

    def "an exception that cannot be serialized arrives as a RemoteFailure, its cause too"() {
        when:
        def failure = failureOf(backend.submit(work(new TestFunctions.ThrowHolding(), [])))

        then:
        failure instanceof RemoteFailure
        failure.remoteClassName == TestFunctions.HoldingException.name
        failure.message == 'holds a lock'
        failure.cause instanceof RemoteFailure
        failure.cause.remoteClassName == IllegalStateException.name
        failure.cause.message == 'its cause'
    }

    def "a result that cannot be sent back fails the call, saying so"() {
        when:
        def future = backend.submit(work(new TestFunctions.Unserializable(), [], [name: 'odd']))
        def failure = failureOf(future)

        then:
        failure instanceof NotShippableException
        failure.message == "the result of work 'odd' is of type java.lang.Object, which cannot be sent back from " +
                'the worker process: java.lang.Object is not serializable'
    }

    def "an argument that cannot be sent fails the submission, before anything is sent"() {
        when:
        backend.submit(work(new TestFunctions.Square(), [new Object()], [name: 'odd']))

        then:
        def e = thrown(NotShippableException)
        e.message == "argument 1 of work 'odd' is of type java.lang.Object, which cannot be sent to a worker " +
                'process: java.lang.Object is not serializable'
    }

    def "a function that cannot be sent fails check and submit"() {
        given:
        def thread = Thread.currentThread()
        def function = new io.jobline.function.JobFunction() {
            Object call(Object... args) { thread.name }
        }

        when:
        backend.check(function, "stage 'render'")

        then:
        def e = thrown(NotShippableException)
        e.message.startsWith("stage 'render' cannot be sent to a worker process")

        when:
        backend.submit(work(function, []))

        then:
        thrown(NotShippableException)
    }

    def "what a call prints is forwarded line by line with the worker's prefix"() {
        given:
        def out = new LineCapture()
        def err = new LineCapture()
        def (oldOut, oldErr) = [System.out, System.err]
        System.out = new PrintStream(out, true)
        System.err = new PrintStream(err, true)

        when:
        def future = backend.submit(work(new TestFunctions.Print(), ['x']))
        def result = future.get()
        def number = (future.node =~ /worker (\d+)/)[0][1]

        then:
        result == 'printed'
        // The output of a call is forwarded before its result arrives.
        out.text.readLines().findAll { it.contains(' x') || it.contains('no newline') } ==
                ["[worker $number] out x", "[worker $number] second x", "[worker $number] no newline"]*.toString()
        err.awaitContains("[worker $number] err x")

        cleanup:
        System.out = oldOut
        System.err = oldErr
    }

    def "text written to the worker's stdout past System.out (native code) is forwarded, not taken for a frame"() {
        given:
        def out = new LineCapture()
        def oldOut = System.out
        System.out = new PrintStream(out, true)

        when:
        def future = backend.submit(work(new TestFunctions.RawWrite(), ['hello']))
        def result = future.get()
        def number = (future.node =~ /worker (\d+)/)[0][1]

        then:
        result == 'raw'
        out.awaitContains("[worker $number] native hello")
        backend.submit(work(new TestFunctions.Square(), [5])).get() == 25L

        cleanup:
        System.out = oldOut
    }

    def "workers get the environment: the caller's plus env"() {
        expect:
        backend.submit(work(new TestFunctions.Env(), ['JOBLINE_SPEC'])).get() == 'yes'
        backend.submit(work(new TestFunctions.Env(), ['PATH'])).get() == System.getenv('PATH')
    }

    def "workers use the serial collector unless jvmArgs choose one; cloneEnv: false gives them only env"() {
        given:
        def own = ProcessBackend.create([workers: 1, jvmArgs: '-XX:+UseG1GC', cloneEnv: false, env: [ONLY: 'this']])

        expect:
        backend.submit(work(new TestFunctions.GcNames(), [])).get().contains('MarkSweepCompact')
        own.submit(work(new TestFunctions.GcNames(), [])).get().contains('G1 Young Generation')
        own.submit(work(new TestFunctions.Env(), ['ONLY'])).get() == 'this'
        own.submit(work(new TestFunctions.Env(), ['PATH'])).get() == null

        cleanup:
        own?.close()
    }

    def "is registered as 'process' and rejects bad options clearly: #options"() {
        when:
        Backends.create('process', options)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        options                 | message
        [workers: 0]            | 'workers: must be a whole number >= 1, got 0'
        [retries: -1]           | 'retries: must be a whole number >= 0, got -1'
        [jvmArgs: 5]            | 'jvmArgs: must be a list of strings or a whitespace-separated string, got 5'
        [env: 'A=1']            | "env: must be a map of variable names to values, got 'A=1'"
        [cloneEnv: 'no']        | "cloneEnv: must be true or false, got 'no'"
        [classpath: 3]          | 'classpath: must be a list of paths or a path string'
        [java: '/no/such/java'] | "java: must be the path of a java executable, got '/no/such/java'"
    }

    def "an unknown option names the valid ones"() {
        when:
        ProcessBackend.create([wrokers: 2])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "unknown process backend option 'wrokers'; valid: classpath, cloneEnv, env, java, jvmArgs, retries, workers"
    }

    def "Backends creates it from its own options, split from job options explicitly; an option it lacks is an error"() {
        when:
        def split = BackendSpec.split('process', [workers: 3, retries: 1, cpus: 8])
        def created = split.spec().create()

        then:
        split.rest() == [cpus: 8]
        created instanceof ProcessBackend
        created.name() == 'process'
        created.parallelism() == 3

        when:
        Backends.create('process', [workers: 3, cpus: 8])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "unknown process backend option 'cpus'; valid: classpath, cloneEnv, env, java, jvmArgs, retries, workers"

        cleanup:
        created?.close()
    }

    def "code in a worker knows it runs on the process backend"() {
        expect:
        backend.submit(Work.of(new io.jobline.remote.RemoteFunctions.Where(), [] as Object[], null)).get() == 'process'
        Backends.current() == 'thread'
    }

    def "validate checks names and values without starting anything"() {
        when:
        Backends.provider('process').validate([workers: 0])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'workers: must be a whole number >= 1, got 0'
        Workers.leftOver(backend) == []

        when:
        Backends.provider('process').validate([java: '/no/such/java'])

        then:
        def java = thrown(IllegalArgumentException)
        java.message.startsWith("java: must be the path of a java executable, got '/no/such/java'")

        expect:
        BackendSpec.of('process', [workers: 2, jvmArgs: '-Xmx64m']) == BackendSpec.of('process', [jvmArgs: "-Xmx64m", workers: 2])
        BackendSpec.of('process', [workers: 2]) != BackendSpec.of('process', [workers: 3])
        BackendSpec.of('process', [workers: 2]).toString() == 'process{workers=2}'
    }
}
