package io.jobline.maya

import io.jobline.farm.Farm
import io.jobline.farm.qube.QubeStandIn
import spock.lang.Shared
import spock.lang.Timeout

/**
 * maya(farm: qube(...)) on the project's stand-in Qube (engine/src/test/qube-standin, first on the PATH of the
 * farm's commands only), with the Maya stand-ins: every Maya job is one cmdrange job with a work item per chunk.
 */
@Timeout(240)
class MayaQubeSpec extends MayaJobsContract {

    @Shared QubeStandIn qube = new QubeStandIn('maya')
    @Shared Farm farm

    def setupSpec() {
        farm = Farm.create('qube', qube.options())
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
        [InetAddress.localHost.hostName]
    }

    def "a render is ONE Qube job whose agenda has a work item per chunk; Qube's job options pass on"() {
        given:
        def s = new MayaStandIns('qube-one')

        when:
        def job = script(farm: farm, s: s, '''
            maya(farm: farm, scene: s.scene.toString(), env: s.env()).withCloseable { m ->
                m.render(frames: 1..6, chunk: 2, priority: 40, name: 'sh010 beauty').join()
            }
        ''')
        def submitted = qube.jobs().values().find { it.name == 'sh010 beauty' }

        then:
        job.state.toString() == 'DONE'
        job.futures*.jobId.unique() == [job.jobId]
        submitted.work.size() == 3
        submitted.options['--priority'] == '40'
        s.processes('Render').size() == 3
    }
}
