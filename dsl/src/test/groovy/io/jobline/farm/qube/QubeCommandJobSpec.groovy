package io.jobline.farm.qube

import io.jobline.farm.Farm
import io.jobline.farm.FarmEngine
import io.jobline.farm.FarmJob
import io.jobline.future.JobState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import java.nio.file.Files
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * Command jobs over frame ranges on the stand-in Qube ({@code qube(...).job}: one cmdrange job, agenda items as
 * Qube sees frames), and what happens to them: a failing chunk, a signal, Qube's own retries (retrywork), Jobline's
 * retries, cancel, a job killed from outside with qbkill, badlogin, bad options, and the cost of polling.
 */
@Timeout(240)
class QubeCommandJobSpec extends Specification {

    @Shared QubeStandIn qube = new QubeStandIn('commands')
    @Shared Farm farm

    def setupSpec() {
        farm = Farm.create('qube', qube.options(cpus: 4))
    }

    def cleanupSpec() {
        farm?.close()
    }

    static void awaitRunning(FarmJob job) {
        def started = new CountDownLatch(job.workItems.size())
        job.workItems.each { it.task().onRunning { started.countDown() } }
        job.workItems.findAll { it.state != JobState.PENDING }.each { started.countDown() }
        assert started.await(60, TimeUnit.SECONDS): "not running within 60 s: $job"
    }

    def "a command job is ONE cmdrange job whose agenda is the frames in chunks, each item writing its frames"() {
        given:
        def out = Files.createDirectories(qube.workDir.resolve('frames'))

        when:
        def job = farm.job(name: 'shot010', frames: 1..100, chunk: 10) { start, end ->
            "for f in \$(seq $start $end); do echo \$f > $out/\$f.frame; done; echo rendered $start-$end"
        }
        job.join()
        def stand = qube.job(job.jobId)

        then:
        job.state == JobState.DONE
        job.failedFrames == []
        job.workItems.size() == 10
        job.workItems*.start == (1..91).step(10)
        job.workItems.every { it.state == JobState.DONE && it.exitCode == 0 && it.node == InetAddress.localHost.hostName }
        job.log(0) == 'rendered 1-10'
        (1..100).every { Files.readString(out.resolve("${it}.frame")).trim() == "$it" }
        stand.options['--type'] == 'cmdrange' && stand.options['--range'] == '1-100' && stand.options['--chunk'] == '10'
        stand.work*.name == ['1-10', '11-20', '21-30', '31-40', '41-50', '51-60', '61-70', '71-80', '81-90', '91-100']
        stand.cpus == 4
    }

    def "irregular frames are an agenda of work item indexes; {start} and {end} are Jobline's"() {
        when:
        def job = farm.job([name: 'gaps', frames: '1-3,10,20-21', chunk: 2], 'echo {start}-{end} $QBJOBID')
        job.join()

        then:
        job.state == JobState.DONE
        job.workItems.collect { job.log(it) } == ["1-2 $job.jobId", "3-3 $job.jobId", "10-10 $job.jobId", "20-21 $job.jobId"]*.toString()
        qube.job(job.jobId).options['--range'] == '0-3'
    }

    def "a failing chunk fails only its frames, with exit code and log; a signal is reported as such"() {
        when:
        def job = farm.job([name: 'strings', frames: '1-6', chunk: 2],
                'echo frames {start} to {end}; if [ {start} = 3 ]; then echo broken >&2; exit 7; fi')
        def signal = farm.job(frames: 1, name: 'signal') { s, e -> 'kill -9 $$' }
        job.join()
        signal.join()

        then:
        job.state == JobState.FAILED
        job.failedFrames == [3, 4]
        def bad = job.workItems[1]
        bad.exitCode == 7
        bad.error.contains("qube job ${bad.jobId} (strings, frames 3-4) failed: exit code 7")
        bad.error.contains('broken')
        job.log(bad).readLines() == ['frames 3 to 4', 'broken']
        job.workItems.findAll { it != bad }*.state == [JobState.DONE, JobState.DONE]
        signal.workItems[0].error.contains('killed by signal 9 (exit code 137)')
    }

    def "retrywork: Qube runs a failed item again itself, and Jobline waits for that run"() {
        given:
        def marker = qube.workDir.resolve('tried-qube')

        when:
        def job = farm.job(frames: 1..2, retrywork: 1, name: 'flaky') { s, e ->
            s == 2 ? "if [ -e $marker ]; then echo second run; else touch $marker; exit 3; fi" : 'true'
        }
        job.join()

        then:
        job.state == JobState.DONE
        job.workItems[1].jobId.startsWith(job.jobId + '_')      // the same job: Qube retried it
        job.log(1) == 'second run'
        qube.job(job.jobId).work[1].retry == 1
        qube.job(job.jobId).options['--retrywork'] == '1'
    }

    def "retries: Jobline submits a failed chunk again, as a new job"() {
        given:
        def marker = qube.workDir.resolve('tried-jobline')

        when:
        def job = farm.job(frames: 1..2, retries: 1, name: 'again') { s, e ->
            s == 2 ? "if [ -e $marker ]; then echo second try; else touch $marker; exit 3; fi" : 'true'
        }
        job.join()

        then:
        job.state == JobState.DONE
        job.workItems[1].jobId.split('_')[0] != job.jobId
        job.log(1) == 'second try'
    }

    def "cancel kills the job with one qbkill and never blocks; nothing of it runs on"() {
        when:
        def job = farm.job(frames: 1..4, name: 'long') { s, e -> 'sleep 300' }
        awaitRunning(job)
        long kills = farm.engine.schedulerCalls().kill ?: 0
        job.cancel()
        job.join()

        then:
        job.state == JobState.CANCELLED
        job.failedFrames == [1, 2, 3, 4]
        eventually { (farm.engine.schedulerCalls().kill ?: 0) == kills + 1 && qube.job(job.jobId).status == 'killed' }
        eventually { qube.livePids().isEmpty() }
    }

    def "a job killed from outside with qbkill fails its items at once with Qube's state"() {
        when:
        def job = farm.job(frames: 1..2, name: 'victim') { s, e -> 'echo waiting; sleep 300' }
        awaitRunning(job)
        qube.run('qbkill', job.jobId)
        job.join(60)

        then:
        job.state == JobState.FAILED
        job.workItems.every { it.error.contains("qube job ${it.jobId} (victim, frames ${it.start}) failed: qube state killed") }
        job.workItems[0].error.contains('waiting')
    }

    def "badlogin: the job ends without running anything, and says so"() {
        given:
        def bad = Farm.create('qube', qube.options(commandEnv: qube.env(QUBE_STANDIN_BADLOGIN: '1')))

        when:
        def job = bad.job(frames: 1..3, name: 'nologin') { s, e -> 'true' }
        job.join(60)

        then:
        job.state == JobState.FAILED
        job.workItems.every { it.error.contains('qube state badlogin') && it.error.contains('without an exit code') }

        cleanup:
        bad.close()
    }

    def "bad options are refused with the option, the value and what is valid"() {
        when:
        farm.job(frames: 1..2, (option): value) { s, e -> 'true' }

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        option         | value       || message
        'cpus'         | 0           || 'cpus: must be a whole number >= 1, got 0'
        'priority'     | 'high'      || "priority: must be a whole number >= 1, got 'high'"
        'retrywork'    | -1          || 'retrywork: must be a whole number >= 0, got -1'
        'cluster'      | 'show shot' || "cluster: must be a Qube cluster path such as '/show/shot'"
        'groups'       | ['a b']     || "groups: must be Qube group names (letters, digits, _ . -)"
        'reservations' | ''          || "reservations: must be one line of Qube reservations such as 'host.processors=2', got ''"
        'requirements' | 3           || "requirements: must be one line of Qube requirements such as 'host.os=linux', got 3"
        'extra'        | ['hosts']   || "extra: qbsub flags start with '-', got 'hosts'"
        'partition'    | 'render'    || "unknown farm job option 'partition'; valid:"
    }

    def "options reach qbsub as Qube's flags, and an option the stand-in does not know fails the submission"() {
        when:
        def job = farm.job(frames: 1, name: 'opts', cluster: '/show/shot', groups: ['farm', 'gpu'], priority: 10,
                reservations: 'host.processors=2', requirements: 'host.os=linux', extra: ['--hosts', 'vm']) { s, e -> 'true' }
        job.join()
        def opts = qube.job(job.jobId).options
        farm.job(frames: 1, extra: ['--bogus', 'x']) { s, e -> 'true' }

        then:
        job.state == JobState.DONE
        opts['--cluster'] == '/show/shot' && opts['--groups'] == 'farm,gpu' && opts['--priority'] == '10'
        opts['--reservations'] == 'host.processors=2' && opts['--requirements'] == 'host.os=linux' && opts['--hosts'] == 'vm'
        def e = thrown(IllegalStateException)
        e.message.contains("qube refused job 'job'")
        e.message.contains("unknown option '--bogus'")
    }

    def "the stand-in answers with status names and integer codes, both read"() {
        when:
        def job = farm.job(frames: 1, name: 'codes') { s, e -> 'true' }
        job.join()
        def answers = (1..30).collect { qube.run('qbjobs', '--xml', '--status', job.jobId) }

        then:
        answers.any { it.contains('<status>16</status>') }
        answers.any { it.contains('<status>complete</status>') }
    }

    def "each poll makes one qbjobs call for every live job, with 1, 10 or 1,000 live work items"() {
        given:
        def counting = Farm.create('qube', qube.options(pollInterval: 0.2, cpus: 2))
        def engine = counting.engine

        when:
        def perPoll = [1, 10, 1000].collect { n ->
            def jobs = [counting.job(frames: 1..n, name: "live$n") { s, e -> 'sleep 300' },
                        counting.job(frames: 1..2, name: "other$n") { s, e -> 'sleep 300' }]
            awaitPolls(engine, 3)
            long polls = engine.polls(), status = engine.schedulerCalls().status
            awaitPolls(engine, 5)
            def ratio = [polls: engine.polls() - polls, status: engine.schedulerCalls().status - status,
                         detail: engine.schedulerCalls().detail ?: 0]
            jobs*.cancel()
            jobs*.join(60)
            ratio
        }
        counting.close()

        then:
        perPoll.every { it.polls >= 5 && it.status == it.polls && it.detail == 0 }
        eventually { qube.livePids().isEmpty() }
    }

    static void awaitPolls(FarmEngine engine, int count) {
        long target = engine.polls() + count
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (engine.polls() < target) {
            assert System.nanoTime() < deadline: "fewer than $count polls in 60 s"
            Thread.sleep(50)
        }
    }

    static boolean eventually(Closure<Boolean> condition) {
        long deadline = System.nanoTime() + 60_000_000_000L
        while (!condition()) {
            assert System.nanoTime() < deadline: 'condition not met within 60 s'
            Thread.sleep(100)
        }
        true
    }
}
