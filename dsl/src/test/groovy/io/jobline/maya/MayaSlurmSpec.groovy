package io.jobline.maya

import io.jobline.farm.Farm
import io.jobline.farm.SlurmCluster
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Timeout

/**
 * maya(farm: slurm(...)) on the real local Slurm cluster, with the Maya stand-ins (its tasks run on this machine,
 * so they reach the stand-ins and the project by absolute path).
 */
@Requires({ SlurmCluster.usable() })
@Timeout(180)
class MayaSlurmSpec extends MayaJobsContract {

    @Shared Farm farm

    def setupSpec() {
        farm = Farm.create('slurm', [workDir: SlurmCluster.workDir('maya').toString(), pollInterval: 0.5])
    }

    def cleanupSpec() {
        farm?.close()
    }

    @Override
    Object farm() {
        farm
    }

    @Override
    Collection<String> nodes() {
        ['vm', 'jl-node2']
    }

    def "a render's job is one Slurm array job: one submission, farm job options passed on"() {
        given:
        def s = new MayaStandIns('slurm-one')
        long before = farm.engine.schedulerCalls().submit ?: 0

        when:
        def job = script(farm: farm, s: s, '''
            maya(farm: farm, scene: s.scene.toString(), env: s.env()).withCloseable { m ->
                m.render(frames: 1..6, chunk: 2, partition: 'render', name: 'sh010 beauty').join()
            }
        ''')

        then:
        job.state.toString() == 'DONE'
        farm.engine.schedulerCalls().submit == before + 1
        job.futures*.jobId.unique() == [job.jobId]
        s.processes('Render').size() == 3
    }
}
