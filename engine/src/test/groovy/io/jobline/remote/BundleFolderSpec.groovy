package io.jobline.remote

import io.jobline.backend.process.UnitLoader
import io.jobline.shipping.CodeUnit
import io.jobline.shipping.RemoteFailure
import io.jobline.testing.UnitCompiler
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * A call bundle written to a folder, run by TaskMain in a JVM of its own (as a farm task runs it), its result file
 * read back: functions, arguments, classes compiled at run time, exceptions with causes, and signatures that refuse
 * a tampered or foreign packet.
 */
@Timeout(120)
class BundleFolderSpec extends Specification {

    @TempDir
    Path work

    BundleKey key

    def setup() {
        key = BundleKey.createOrLoad(work.resolve('key'))
    }

    /** Runs {@code java -cp <this JVM's class path> TaskMain dir index}, as a farm task would. @return its exit code */
    int task(Path dir, int index, String... more) {
        taskWith([], dir, index, more)
    }

    int taskWith(List<String> flags, Path dir, int index, String... more) {
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def process = new ProcessBuilder([java, *flags, '-cp', System.getProperty('java.class.path'), TaskMain.name,
                                          dir.toString(), index.toString(), *more])
                .redirectErrorStream(true).start()
        taskOutput = process.inputStream.text
        assert process.waitFor(90, TimeUnit.SECONDS)
        process.exitValue()
    }

    String taskOutput

    def "a plain Java function's calls run one task each, and their results come back decoded"() {
        given:
        def add = new RemoteFunctions.Add()
        def bundle = CallBundle.builder()
                .add(add, [1, 2] as Object[], 'task 1:0')
                .add(add, [40, 2] as Object[], 'task 1:1')
                .add(add, [-5, 5] as Object[], 'task 1:2').build()

        when:
        def folder = BundleFolder.write(work.resolve('job-1'), bundle, key, false)

        then: 'the function is packed once for its three calls'
        bundle.functions().size() == 1
        folder.size() == 3
        folder.result(0) == null

        when:
        def codes = (0..2).collect { task(folder.dir(), it) }

        then:
        codes == [0, 0, 0]
        (0..2).collect { folder.result(it).get('call', 'task') } == [3L, 42L, 0L]
    }

    def "a call knows where it runs: the farm a task names with -Djobline.backend, 'task' without"() {
        given:
        def folder = BundleFolder.write(work.resolve('job-where'), CallBundle.builder()
                .add(new RemoteFunctions.Where(), [] as Object[], 'task 0:0')
                .add(new RemoteFunctions.Where(), [] as Object[], 'task 0:1').build(), key, false)

        expect:
        taskWith(['-Djobline.backend=slurm'], folder.dir(), 0) == 0
        task(folder.dir(), 1) == 0
        folder.result(0).get('where', 'task') == 'slurm'
        folder.result(1).get('where', 'task') == 'task'
    }

    def "files are 0600 and the folder 0700, and no temporary file is left"() {
        when:
        def folder = BundleFolder.write(work.resolve('job-2'), CallBundle.builder()
                .add(new RemoteFunctions.Add(), [1, 1] as Object[], 'task 2').build(), key, false)
        task(folder.dir(), 0)

        then:
        PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.dir())) == 'rwx------'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file())) == 'rw-------'
        Files.list(folder.dir()).withCloseable { it.map { it.fileName.toString() }.sorted().toList() } ==
                ['bundle', 'call-0', 'result-0']
        Files.list(folder.dir()).withCloseable { files ->
            files.allMatch { PosixFilePermissions.toString(Files.getPosixFilePermissions(it)) == 'rw-------' }
        }
    }

    def "a function and an argument of classes compiled at run time cross in the bundle, and its result comes back as the caller's class"() {
        given: 'classes compiled in this JVM, recorded in a code unit as a script compiler records them'
        def unit = CodeUnit.create()
        def loader = new UnitLoader(unit)
        compileInto(unit, [
                'genb.Box'  : 'package genb; public class Box implements java.io.Serializable { public final long value; ' +
                        'public Box(long value) { this.value = value; } }',
                'genb.Tripler': 'package genb; public class Tripler implements io.jobline.function.JobFunction { ' +
                        'public Object call(Object... args) { return new Box(((Box) args[0]).value * 3 + ((Number) args[1]).longValue()); } }'])
        def tripler = loader.loadClass('genb.Tripler').getConstructor().newInstance()
        def box = loader.loadClass('genb.Box').getConstructor(long).newInstance(14L)

        when:
        def folder = BundleFolder.write(work.resolve('job-3'), CallBundle.builder()
                .add(tripler, [box, 0] as Object[], 'work \'triple\'').build(), key, true)

        then: 'the task JVM does not have these classes on its class path: they come from the bundle'
        task(folder.dir(), 0) == 0

        when:
        def result = folder.result(0).get('work', 'task')

        then:
        result.getClass().is(box.getClass())
        result.value == 42
    }

    def "an exception comes back with its class, message, remote frames, cause and suppressed exceptions; exit code 0"() {
        when:
        def folder = BundleFolder.write(work.resolve('job-4'), CallBundle.builder()
                .add(new RemoteFunctions.FailWithCauses(), ['it broke'] as Object[], 'task 4').build(), key, false)
        def code = task(folder.dir(), 0)
        def outcome = folder.result(0)
        outcome.get('task 4', 'a task')

        then:
        code == 0
        outcome.failed()
        def e = thrown(IllegalStateException)
        e.message == 'it broke'
        e.stackTrace.any { it.className == RemoteFunctions.FailWithCauses.name }
        e.cause instanceof IllegalArgumentException
        e.cause.message == 'the cause'
        e.cause.suppressed*.message == ['suppressed']
    }

    def "an exception whose class the receiver lacks comes back as a RemoteFailure with its class name and causes"() {
        given:
        def failure = new IllegalStateException('outer', new IOException('inner'))

        when:
        def decoded = Outcome.fromBytes(outcomeBytesWithUnknownClass(failure))
        decoded.get('call', 'somewhere')

        then:
        def e = thrown(RemoteFailure)
        e.remoteClassName == 'com.example.Gone'
        e.cause.remoteClassName == IOException.name
    }

    def "a tampered result, a result moved from another call, and a foreign key's result are refused, naming the file"() {
        given:
        def bundle = CallBundle.builder()
                .add(new RemoteFunctions.Add(), [1, 2] as Object[], 'task 5:0')
                .add(new RemoteFunctions.Add(), [3, 4] as Object[], 'task 5:1').build()
        def folder = BundleFolder.write(work.resolve('job-5'), bundle, key, false)
        assert task(folder.dir(), 0) == 0 && task(folder.dir(), 1) == 0

        when: 'one byte of the content changed'
        def file = folder.dir().resolve('result-0')
        byte[] bytes = Files.readAllBytes(file)
        bytes[bytes.length - 40] ^= 1
        Files.write(file, bytes)
        folder.result(0)

        then:
        def tampered = thrown(TamperedPacketException)
        tampered.message.contains(file.toString())
        tampered.message.contains('refusing it')

        when: "call 1's result copied over call 0's"
        Files.copy(folder.dir().resolve('result-1'), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        folder.result(0)

        then:
        def moved = thrown(TamperedPacketException)
        moved.message.contains("holds the packet 'result-1', not 'result-0'")

        when: 'read with another executor key'
        def other = BundleKey.createOrLoad(work.resolve('other').resolve('key'))
        BundleFolder.open(folder.dir(), other)

        then:
        def foreign = thrown(TamperedPacketException)
        foreign.message.contains('written by another executor')
    }

    def "a task refuses a tampered bundle: exit code 65, a clear message, no result"() {
        given:
        def folder = BundleFolder.write(work.resolve('job-6'), CallBundle.builder()
                .add(new RemoteFunctions.Add(), [1, 2] as Object[], 'task 6').build(), key, false)
        def call = folder.dir().resolve('call-0')
        byte[] bytes = Files.readAllBytes(call)
        bytes[bytes.length - 1] ^= 1
        Files.write(call, bytes)

        expect:
        task(folder.dir(), 0) == TaskMain.BAD_BUNDLE
        taskOutput.contains('jobline task: cannot run call 0 of')
        taskOutput.contains('refusing it')
        folder.result(0) == null

        and: 'a call index outside the bundle, and bad usage'
        task(folder.dir(), 3) == TaskMain.BAD_BUNDLE
        taskOutput.contains('call index 3 is outside the bundle')
        task(folder.dir(), 0, 'x', 'y') == TaskMain.USAGE
    }

    /** An outcome whose exception's class is not on this side: written by hand as a worker would write it. */
    static byte[] outcomeBytesWithUnknownClass(Throwable failure) {
        def remote = new RemoteFailure('com.example.Gone', failure.message, failure.stackTrace,
                RemoteFailure.of(failure.cause))
        def bytes = new ByteArrayOutputStream()
        new DataOutputStream(bytes).withCloseable { out ->
            out.writeByte(1)
            Wire.writeBytes(out, new byte[0])
            Wire.writeBytes(out, io.jobline.shipping.Shipping.pack(remote).bytes())
        }
        bytes.toByteArray()
    }

    void compileInto(CodeUnit unit, Map<String, String> classes) {
        UnitCompiler.compileInto(unit, classes, work)
    }
}
