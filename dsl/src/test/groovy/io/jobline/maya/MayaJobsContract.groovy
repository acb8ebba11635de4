package io.jobline.maya

import io.jobline.dsl.DslSpecification
import io.jobline.future.JobState
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.util.concurrent.CancellationException
import java.util.concurrent.ExecutionException

/**
 * What maya(...) does on every farm, with the Maya stand-ins: render ranges and Python snippets, failures, cancel,
 * the environment and the scene copy. Each farm's spec says which farm ({@link #farm()}) and where it is.
 */
abstract class MayaJobsContract extends DslSpecification {

    /** @return the farm: option, e.g. 'process' or a slurm(...) farm */
    abstract Object farm()

    /** @return the nodes work items may run on */
    abstract Collection<String> nodes()

    /** Runs {@code body} (a job script) with {@code farm} and {@code s} (the stand-ins) bound. */
    Object run(MayaStandIns s, String body) {
        script(farm: farm(), s: s, body)
    }

    def "a render is one job with a work item per chunk, each running Render on the scene copy in the workspace"() {
        given:
        def s = new MayaStandIns('render')
        String before = MayaStandIns.sha1(s.scene)

        when:
        def (job, copy) = run(s, '''
            def m = maya(farm: farm, scene: s.scene.toString(), version: 2025, cloneEnv: true, tempCopy: true, env: s.env())
            java.nio.file.Files.writeString(s.scene, '// changed after submission')   // the artist keeps working
            def job = m.render(frames: 1..20, chunk: 5, renderer: 'arnold', camera: 'shotCam', layer: 'beauty')
            job.join()
            m.close()
            [job, m.scene]
        ''')
        def renders = s.processes('Render')

        then:
        job.state == JobState.DONE
        job.workItems == 4
        job.results == [1..5, 6..10, 11..15, 16..20]*.toList()
        job.futures.every { it.jobId == job.jobId && it.node in nodes() }
        job.futures*.workId == ['0', '1', '2', '3']
        copy.parent == s.scene.parent.resolve('.jobline')
        copy.fileName.toString() ==~ /shot\.\d{8}T\d{6}\.\d{3}Z\.ma/
        renders.size() == 4
        renders.collect { it[0].argv }.sort { it[5] as int } == [1, 6, 11, 16].collect { int start ->
            ['-r', 'arnold', '-s', "$start", '-e', "${start + 4}", '-cam', 'shotCam', '-rl', 'beauty', '-im', 'shot',
             '-proj', s.project.toString(), copy.toString()]*.toString()
        }
        renders.every { it[1].sha1 == before }
        (1..20).every { Files.readString(s.project.resolve(String.format('images/shot.%04d.txt', it))).startsWith('arnold shotCam beauty') }
    }

    def "python snippets: a value per item as JSON, Maya standalone started, workspace set and scene opened per work item"() {
        given:
        def s = new MayaStandIns('python')

        when:
        def job = run(s, '''
            maya(farm: farm, scene: s.scene.toString(), env: s.env()).withCloseable { m ->
                def nodes = ['pCube1', 'pCubeShape1', 'shotCam', 'pSphere1', 'pSphereShape1']
                m.python(nodes, chunk: 2) { node -> "cmds.nodeType('$node')" }.join()
            }
        ''')
        def mayas = s.processes('mayapy')

        then:
        job.state == JobState.DONE
        job.results == ['transform', 'mesh', 'camera', 'transform', 'mesh']
        job.futures*.workId == ['0', '1', '2', '3', '4']
        job.futures.every { it.jobId == job.jobId && it.node in nodes() }
        job.workItems == 3
        mayas.size() == 3
        mayas.every { events -> events*.event == ['start', 'initialize', 'workspace', 'open', 'uninitialize'] }
        mayas.every { it[2].path == s.project.toString() && it[3].scene == s.scene.toString() }
    }

    def "a snippet's Python exception fails its item with the traceback; the others get their values"() {
        given:
        def s = new MayaStandIns('errors')

        when:
        def job = run(s, '''
            maya(farm: farm, scene: s.scene.toString(), env: s.env()).withCloseable { m ->
                m.python(['pCube1', 'nope', 'pSphere1', 'x'], chunk: 4) { node ->
                    node == 'x' ? 'result = {"n": len(cmds.ls()), "types": sorted(set(map(cmds.nodeType, cmds.ls())))}' 
                                : "cmds.nodeType('$node')"
                }.join()
            }
        ''')
        def failure = (job.futures[1].exception as MayaFailure)

        then:
        job.state == JobState.FAILED
        job.futures[0].get() == 'transform'
        job.futures[2].get() == 'transform'
        job.futures[3].get() == [n: 5, types: ['camera', 'mesh', 'transform']]
        failure.message.startsWith("maya python 'python shot.ma' item 1 ('nope') on ")
        failure.message.contains('ValueError: No object matches name: nope')
        failure.traceback.contains('File "<snippet 1>", line 1')
        failure.traceback.contains("cmds.nodeType('nope')")
        failure.traceback.trim().endsWith('ValueError: No object matches name: nope')
    }

    def "a failing chunk fails its frames with the exit code and the log's last lines; the others render"() {
        given:
        def s = new MayaStandIns('failing')

        when:
        def job = run(s, '''
            maya(farm: farm, scene: s.scene.toString(), env: s.env(MAYA_STANDIN_FAIL_FRAMES: '7')).withCloseable { m ->
                m.render(frames: 1..10, chunk: 5, name: 'broken').join()
            }
        ''')

        then:
        job.state == JobState.FAILED
        job.failedFrames == 6..10
        job.futures[0].get() == 1..5
        def error = job.futures[1].exception.message
        error.contains('(broken, frames 6-10) failed: exit code 211')
        error.contains('// Error: failed to render frame 7')
        job.log(1).contains('Rendering frame 6 with file')
    }

    def "a scene Maya cannot open fails every item of its work items with Maya's traceback"() {
        given:
        def s = new MayaStandIns('unopenable')

        when:
        def job = run(s, '''
            maya(farm: farm, scene: s.scene.toString(), env: s.env()).withCloseable { m ->
                java.nio.file.Files.delete(s.scene)                 // gone before the node opens it (no tempCopy)
                m.python(['pCube1', 'pSphere1'], chunk: 2) { "cmds.nodeType('$it')" }.join()
            }
        ''')

        then:
        job.state == JobState.FAILED
        job.futures.every { it.exception instanceof MayaFailure }
        job.futures*.exception*.message.every { it.contains('exit code 3') && it.contains('RuntimeError: File not found') }
    }

    def "cancel stops running work items and their Maya processes"() {
        given:
        def s = new MayaStandIns('cancel')

        when:
        def m = script(farm: farm(), s: s, '''
            maya(farm: farm, scene: s.scene.toString(), env: s.env(MAYA_STANDIN_SLEEP: '300'))
        ''')
        def job = m.render(frames: 1..2, chunk: 1)
        new PollingConditions(timeout: 60).eventually { assert s.events('Render', 'start').size() == 2 }
        def pids = s.events('Render', 'start')*.pid
        job.cancel()
        job.join()

        then:
        job.state == JobState.CANCELLED
        job.failedFrames == [1, 2]
        job.futures.every { it.cancelled }
        new PollingConditions(timeout: 60).eventually {
            assert pids.every { !ProcessHandle.of(it as long).map { it.alive }.orElse(false) }
        }

        when:
        job.futures[0].get()

        then:
        thrown(CancellationException)

        cleanup:
        m?.close()
    }

    def "the environment: cloneEnv passes the caller's on, env: adds to it, MAYA_LOCATION says where Maya is"() {
        given:
        def s = new MayaStandIns('env')

        when:
        def (job, envFile) = run(s, '''
            def m = maya(farm: farm, scene: s.scene.toString(), cloneEnv: true, env: s.env(SHOT: 'sh010'))
            def job = m.python('import os\\nresult = [os.environ[k] for k in ("SHOT", "MAYA_LOCATION")]').join()
            def envFile = m.folder.resolve('env.sh').toFile().text
            m.close()
            [job, envFile]
        ''')
        def env = s.events('mayapy', 'start')[0].env as Map

        then:
        job.results == [['sh010', MayaStandIns.location().toString()]]
        env.SHOT == 'sh010'
        env.HOME == System.getenv('HOME')
        env.PATH.endsWith(System.getenv('PATH'))      // python3 via pyenv may put its own folders first
        def exported = envFile.readLines().findAll { it.startsWith('export ') }*.split('=')*.getAt(0)
        exported.containsAll(['export HOME', 'export PATH', 'export SHOT', 'export MAYA_LOCATION'])
        !exported.any { it in ['export PWD', 'export SHLVL', 'export JOBLINE_DEPTH'] }
    }

    def "cloneEnv: false passes only env: and MAYA_LOCATION on"() {
        given:
        def s = new MayaStandIns('noenv')

        when:
        def envFile = run(s, '''
            maya(farm: farm, scene: s.scene.toString(), cloneEnv: false, env: s.env(SHOT: 'sh020')).withCloseable { m ->
                def job = m.python('import os\\nresult = os.environ["SHOT"]').join()
                assert job.results == ['sh020']
                m.folder.resolve('env.sh').toFile().text
            }
        ''')

        then:
        envFile.readLines().findAll { it.startsWith('export ') }*.split('=')*.getAt(0)
                .sort() == ['export MAYA_LOCATION', 'export MAYA_STANDIN_RECORDS', 'export SHOT']
    }
}
