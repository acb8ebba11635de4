package io.jobline.shell

import spock.lang.Specification
import spock.lang.Timeout

import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * Issue 16 item 6: `jobline run` never hangs after an OutOfMemoryError (the launcher's -XX:+ExitOnOutOfMemoryError:
 * exit code 3, one line), and SIGTERM ends it within seconds even when a shutdown hook never returns. The timeouts
 * here are failure conditions, generous for a loaded machine, never synchronization.
 */
@Timeout(300)
class JobOutOfMemorySpec extends Specification {

    File dir = Files.createTempDirectory('jobline-oom').toFile()

    def cleanup() {
        dir.deleteDir()
    }

    def "the launcher starts the JVM with the flags the specs use"() {
        expect:
        def exec = new File('../jobline').readLines().find { it.startsWith('exec "$java" ') }
        ChildJvm.LAUNCHER_FLAGS.every { exec.contains(" $it ") }
    }

    def "a script that exhausts -Xmx64m #where ends at once: exit code 3 and one line, no hang"() {
        given:
        new File(dir, 'hog.groovy').text = script

        when:
        def result = ChildJvm.jobline(dir, ['-Xmx64m'], 'run', 'hog.groovy')
        def lines = (result.out + result.err).readLines().findAll { it.trim() }

        then: "the JVM's own line (on stdout), nothing else: no stack trace, no hang"
        result.code == 3
        lines == ['Terminating due to java.lang.OutOfMemoryError: Java heap space']

        where:
        where                                | script
        'in the script'                      | 'def hoard = []; while (true) { hoard << new long[1 << 16] }'
        'in a thread while the script waits' | '''def gate = new java.util.concurrent.CountDownLatch(1)
Thread.start { def hoard = []; while (true) { hoard << new long[1 << 16] } }
gate.await()'''
        'in a pipeline stage'                | '''def hoard = []
pipeline { stage { x -> while (true) { hoard << new long[1 << 16] } } }.run(1..2)'''
    }

    def "SIGTERM ends a run that waits forever, even when a shutdown hook never returns"() {
        given:
        new File(dir, 'stuck.groovy').text = '''
// A hook that waits for the script's thread, which waits forever and ignores interrupts: the exit is stuck.
def script = Thread.currentThread()
Runtime.runtime.addShutdownHook(new Thread({ script.join() }))
println 'waiting'
System.out.flush()
def never = new java.util.concurrent.CountDownLatch(1)
while (true) {
    try { never.await() } catch (InterruptedException ignored) { }
}
'''
        def process = new ProcessBuilder([ChildJvm.JAVA, '-cp', ChildJvm.CLASS_PATH] + ChildJvm.LAUNCHER_FLAGS
                + ['io.jobline.shell.Main', 'run', 'stuck.groovy']).directory(dir).start()
        def err = new ByteArrayOutputStream()
        def errReader = process.consumeProcessErrorStream(err)
        def out = new BufferedReader(new InputStreamReader(process.inputStream, 'UTF-8'))

        when: 'it is running (it said so), SIGTERM'
        assert out.readLine() == 'waiting'
        long start = System.nanoTime()
        process.toHandle().destroy() // SIGTERM; Process.destroy() would also close the streams we read
        boolean ended = process.waitFor(120, TimeUnit.SECONDS)
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)

        then: 'it ends: halted by the exit watchdog once the grace is over'
        ended
        println "SIGTERM to end: $seconds s"
        process.exitValue() == 143
        seconds < 60
        errReader.join()
        err.toString('UTF-8').contains('jobline: still exiting 10 s after it began (a shutdown hook did not return): halting')

        cleanup:
        process?.destroyForcibly()
    }
}
