package io.jobline.farm

import io.jobline.future.JobState
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import static io.jobline.farm.FarmSpecs.awaitPolls
import static io.jobline.farm.FarmSpecs.awaitRunning


/**
 * What Slurm does to tasks, for real: a task cancelled outside Jobline, a time limit, a lost node (the second
 * slurmd killed mid-job; jobs are --no-requeue, so the task fails NODE_FAIL naming the node), and the cost of
 * polling: one squeue per poll with 1, 10 or 1,000 live tasks.
 */
@Requires({ SlurmCluster.usable() })
@Timeout(240)
class SlurmFailureSpec extends Specification {

    @Shared Farm farm

    def setupSpec() {
        farm = Farm.create('slurm', [workDir: SlurmCluster.workDir('failures').toString(), pollInterval: 0.5])
    }

    def cleanupSpec() {
        farm?.close()
    }

    def "a task cancelled with scancel from outside fails with Slurm's state, at once"() {
        when:
        def job = farm.job(frames: 1, name: 'victim') { s, e -> 'echo waiting; sleep 300' }
        awaitRunning(job)
        assert "scancel ${job.workItems[0].jobId}".execute().waitFor() == 0
        job.join(60)

        then:
        job.state == JobState.FAILED
        def item = job.workItems[0]
        item.error.contains("slurm job ${item.jobId} (victim, frames 1) failed")
        item.error.contains('CANCELLED')
        item.error.contains('waiting')
    }

    def "a time limit and a lost node, at once (both take Slurm a while)"() {
        when: 'a task with a 1-minute limit (Slurm counts whole minutes, checked every ~30 s), and one pinned to the second node whose slurmd is then killed'
        String first = 'hostname -s'.execute().text.trim()
        def limited = farm.job(frames: 1, name: 'slow', time: 1, extra: ["--nodelist=$first"]) { s, e ->
            'echo started; sleep 300'
        }
        def pinned = farm.job(frames: 1, name: 'pinned', extra: ['--nodelist=jl-node2']) { s, e -> 'sleep 300' }
        awaitRunning(pinned)
        awaitRunning(limited)
        SlurmCluster.script('node-stop')
        boolean ended = limited.join(150) && pinned.join(150)
        SlurmCluster.script('node-start')

        then:
        ended
        limited.state == JobState.FAILED
        limited.workItems[0].error =~ /slurm state (TIMEOUT|CANCELLED)/
        limited.workItems[0].error.contains('TIME LIMIT')
        pinned.state == JobState.FAILED
        pinned.workItems[0].error.contains('slurm state NODE_FAIL')
        pinned.workItems[0].error.contains('on node jl-node2')

        cleanup:
        SlurmCluster.script('node-start')
        SlurmCluster.awaitNodesIdle()
    }

    def "each poll makes one status call, with 1, 10 or 1,000 live tasks"() {
        given:
        def counting = Farm.create('slurm', [workDir: SlurmCluster.workDir('polls').toString(), pollInterval: 0.2])
        def engine = counting.engine

        when:
        def perPoll = [1, 10, 1000].collect { n ->
            def job = counting.job(frames: 1..n, name: "live$n") { s, e -> 'sleep 300' }
            awaitPolls(engine, 3)       // past the first polls after submission
            long polls = engine.polls(), status = engine.schedulerCalls().status
            awaitPolls(engine, 5)
            def ratio = [polls: engine.polls() - polls, status: engine.schedulerCalls().status - status,
                         detail: engine.schedulerCalls().detail ?: 0]
            job.cancel()
            job.join(60)
            ratio
        }
        counting.close()

        then:
        perPoll.every { it.polls >= 5 && it.status == it.polls && it.detail == 0 }
    }
}
