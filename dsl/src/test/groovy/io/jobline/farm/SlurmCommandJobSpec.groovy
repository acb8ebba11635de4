package io.jobline.farm

import io.jobline.future.JobState
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import static io.jobline.farm.FarmSpecs.eventually

import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermission

/** Command jobs over frame ranges on the real local Slurm cluster. */
@Requires({ SlurmCluster.usable() })
@Timeout(120)
class SlurmCommandJobSpec extends Specification {

    @Shared Farm farm

    def setupSpec() {
        farm = Farm.create('slurm', [workDir: SlurmCluster.workDir('commands').toString(), pollInterval: 0.5])
    }

    def cleanupSpec() {
        farm?.close()
    }

    def "a command job is one array job with a task per chunk, each writing its frames"() {
        given:
        def out = SlurmCluster.workDir('frames')

        when:
        def job = farm.job(name: 'shot010', frames: 1..100, chunk: 10) { start, end ->
            "for f in \$(seq $start $end); do echo \$f > $out/\$f.frame; done; echo rendered $start-$end"
        }
        job.join()

        then:
        job.state == JobState.DONE
        job.failedFrames == []
        job.workItems.size() == 10
        job.workItems*.start == (1..91).step(10)
        job.workItems.every { it.state == JobState.DONE && it.exitCode == 0 && it.node && it.jobId.startsWith(job.jobId + '_') }
        job.log(0) == 'rendered 1-10'
        (1..100).every { Files.readString(out.resolve("${it}.frame")).trim() == "$it" }
        farm.engine.schedulerCalls().submit == old(farm.engine.schedulerCalls().submit ?: 0) + 1
    }

    def "a command string takes {start} and {end}; a failing chunk fails only its frames, with exit code and log"() {
        when:
        def job = farm.job([name: 'strings', frames: '1-6', chunk: 2],
                'echo frames {start} to {end}; if [ {start} = 3 ]; then echo broken >&2; exit 7; fi')
        job.join()

        then:
        job.state == JobState.FAILED
        job.failedFrames == [3, 4]
        def bad = job.workItems[1]
        bad.state == JobState.FAILED
        bad.exitCode == 7
        bad.error.contains("slurm job ${bad.jobId} (strings, frames 3-4) failed: exit code 7")
        bad.error.contains('broken')
        job.log(bad).readLines() == ['frames 3 to 4', 'broken']
        job.workItems.findAll { it != bad }*.state == [JobState.DONE, JobState.DONE]
    }

    def "a signal is reported as such"() {
        when:
        def job = farm.job(frames: 1, name: 'signal') { s, e -> 'kill -9 $$' }
        job.join()

        then:
        job.state == JobState.FAILED
        job.workItems[0].error.contains('killed by signal 9 (exit code 137)')
    }

    def "retries: submits a failed chunk again, as a new job"() {
        given:
        def marker = SlurmCluster.workDir('retry').resolve('tried')

        when:
        def job = farm.job(frames: 1..2, chunk: 1, retries: 1, name: 'flaky') { s, e ->
            s == 2 ? "if [ -e $marker ]; then echo second try; else touch $marker; exit 3; fi" : 'true'
        }
        job.join()

        then:
        job.state == JobState.DONE
        job.workItems[1].jobId.split('_')[0] != job.jobId
        job.log(1) == 'second try'
    }

    def "cancel kills the running chunks with one kill command and never blocks"() {
        when:
        def job = farm.job(frames: 1..4, name: 'long') { s, e -> 'sleep 300' }
        def started = new java.util.concurrent.CountDownLatch(1)
        job.workItems.each { it.task().onRunning { started.countDown() } }
        started.await()
        long kills = farm.engine.schedulerCalls().kill ?: 0
        job.cancel()
        job.join()

        then:
        job.state == JobState.CANCELLED
        job.failedFrames == [1, 2, 3, 4]
        eventually { (farm.engine.schedulerCalls().kill ?: 0) == kills + 1 }
        eventually { squeueLines(job.jobId).every { !(it =~ /PENDING|RUNNING/) } }
    }

    def "workDir files are 0600 and its folders 0700"() {
        when:
        farm.job(frames: 1, name: 'perms') { s, e -> 'true' }.join()
        def session = farm.engine.session()
        def files = Files.walk(session).toList()

        then:
        files.findAll { Files.isDirectory(it) }.every {
            Files.getPosixFilePermissions(it) == [PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                                   PosixFilePermission.OWNER_EXECUTE] as Set
        }
        files.findAll { Files.isRegularFile(it) && !it.toString().endsWith('job.sh') }.every {
            Files.getPosixFilePermissions(it) == [PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE] as Set
        }
    }

    def "bad options are refused with the option and the value"() {
        when:
        farm.job(frames: 1..2, (option): value) { s, e -> 'true' }

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        option      | value       || message
        'cpus'      | 0           || 'cpus: must be a whole number >= 1, got 0'
        'time'      | 'soon'      || "time: must be whole minutes (e.g. 30) or a Slurm time such as '90:00'"
        'mem'       | 'lots'      || "mem: must be megabytes (e.g. 4096) or a size such as '4G' or '500M', got 'lots'"
        'partition' | 'a b'       || "partition: must be a Slurm partition name (letters, digits, _ . -), got 'a b'"
        'extra'     | ['qos']     || "extra: sbatch flags start with '-'"
        'chunk'     | -1          || 'chunk: must be a whole number >= 1, got -1'
        'frames'    | 'x'         || "frames: must be a range or list of whole numbers"
        'partiton'  | 'render'    || "unknown farm job option 'partiton'; valid:"
    }

    def "a partition Slurm does not know fails the submission with sbatch's answer"() {
        when:
        farm.job(frames: 1, partition: 'nosuch') { s, e -> 'true' }

        then:
        def e = thrown(IllegalStateException)
        e.message.contains("slurm refused job 'job'")
        e.message.contains('invalid partition')
    }

    static List<String> squeueLines(String jobId) {
        "squeue --noheader --array --states=all --jobs=$jobId --format=%T".execute().text.readLines()
    }
}
