package io.jobline.maya

import spock.lang.Timeout

/** maya(farm: 'process'): Maya processes on this machine, with the stand-ins. */
@Timeout(120)
class MayaProcessSpec extends MayaJobsContract {

    @Override
    Object farm() {
        'process'
    }

    @Override
    Collection<String> nodes() {
        [InetAddress.localHost.hostName]
    }
}
