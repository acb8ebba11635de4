package io.jobline.dsl.shipping

import io.jobline.dsl.JoblineDsl
import io.jobline.remote.BundleFolder
import io.jobline.remote.BundleKey
import io.jobline.remote.CallBundle
import io.jobline.remote.TaskMain
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A job script's closure, written to a bundle folder and run by TaskMain in a JVM of its own, as a farm task runs
 * it: the closure, the script method it calls, a class the script defines and its exception cross as files.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BundleShippingSpec extends Specification {

    @TempDir
    Path work

    static int task(Path dir, int index) {
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def process = new ProcessBuilder([java, '-cp', System.getProperty('java.class.path'), TaskMain.name,
                                          dir.toString(), index.toString()]).inheritIO().start()
        assert process.waitFor(90, TimeUnit.SECONDS)
        process.exitValue()
    }

    def "a script's closure, calling a script method and returning a script class, runs as a task per call"() {
        given:
        def fns = JoblineDsl.newShell().evaluate('''
            class Tile { int n; long sum }
            def render(n) { new Tile(n: n, sum: (1..n).sum()) }
            [render: { render(it) }, fail: { throw new IllegalStateException("frame $it is empty") }]
        ''', 'job.groovy')
        def key = BundleKey.createOrLoad(work.resolve('key'))
        def bundle = CallBundle.builder()
        (1..3).each { bundle.add(fns.render, [it * 10] as Object[], "task 1:${it - 1}") }
        bundle.add(fns.fail, [7] as Object[], 'task 1:3')
        def folder = BundleFolder.write(work.resolve('job-1'), bundle.build(), key, true)

        when:
        def codes = (0..3).collect { task(folder.dir(), it) }
        def tiles = (0..2).collect { folder.result(it).get('task', 'node') }

        then:
        codes == [0, 0, 0, 0]
        tiles*.n == [10, 20, 30]
        tiles*.sum == [55, 210, 465]
        tiles[0].getClass().name == 'Tile'

        when:
        folder.result(3).get('task', 'node')

        then:
        def e = thrown(IllegalStateException)
        e.message == 'frame 7 is empty'
        e.stackTrace.any { it.fileName == 'job.groovy' }
    }
}
