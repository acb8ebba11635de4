package io.jobline.maya

import io.jobline.dsl.DslSpecification
import spock.lang.Requires
import spock.lang.Timeout

/** Bad input to maya(...), render and python: one clear line with the option, the value and what is valid. */
@Timeout(60)
class MayaInputSpec extends DslSpecification {

    def "a bad maya option is refused at the script's line, naming the option, the value and what is valid"() {
        given:
        def s = new MayaStandIns('input')

        when:
        script(s: s, """
            def scene = s.scene.toString()
            maya($options)
        """)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)
        scriptLine(e) == 3

        where:
        options                                                                         || message
        "scene: 'nope.ma', env: s.env()"                                                || "scene: no such file 'nope.ma' ("
        "scene: s.project.resolve('shot.txt').toString(), env: s.env()"                  || 'scene: must be a Maya scene (.ma or .mb), got '
        "env: s.env()"                                                                  || "scene: say which Maya scene to open"
        "scnee: scene, env: s.env()"                                                    || "unknown maya option 'scnee'; valid: cloneEnv, env, farm, scene, tempCopy, version, workDir, workers, workspace"
        "scene: scene, env: [MAYA_LOCATION: s.project.toString()]"                      || "MAYA_LOCATION: no executable bin/mayapy in '"
        "scene: scene, env: s.env(), version: 'latest'"                                 || "version: must be a Maya version such as 2025 or '2024', got 'latest'"
        "scene: scene, env: s.env(), workspace: '/no/such/project'"                     || "workspace: no such folder '/no/such/project'"
        "scene: scene, env: s.env(), farm: 42"                                          || "farm: must be a farm (slurm(...), qube(...)), a farm's name, or 'process'"
        "scene: scene, env: s.env(), farm: 'nosuch'"                                    || "unknown farm 'nosuch'; available: "
        "scene: scene, env: s.env(), farm: slurm(), workers: 4"                         || 'workers: only for farm: '
        "scene: scene, env: s.env(), cloneEnv: 'yes'"                                   || "cloneEnv: must be true or false, got 'yes'"
    }

    @Requires({ !System.getenv('MAYA_LOCATION') })
    def "a version with no mayapy says where it looked"() {
        given:
        def s = new MayaStandIns('version')

        when:
        script(s: s, """
            maya(scene: s.scene.toString(), version: 2031)
        """)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith('version: 2031: no Maya 2031 here: looked for ' + MayaInstall.defaultLocation('2031').resolve('bin/mayapy'))
        e.message.contains('(MAYA_LOCATION is not set)')
        scriptLine(e) == 2
    }

    def "bad render and python options are refused before anything runs"() {
        given:
        def s = new MayaStandIns('jobinput')

        when:
        script(s: s, """
            maya(scene: s.scene.toString(), env: s.env()).withCloseable { m ->
                $call
            }
        """)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)
        scriptLine(e) == 3
        s.processes('Render').empty && s.processes('mayapy').empty

        where:
        call                                                    || message
        "m.render(chunk: 10)"                                    || 'frames: a render needs its frames'
        "m.render(frames: 'all')"                                || 'frames: must be a range or list of whole numbers'
        "m.render(frames: 1..10, chunk: 0)"                      || 'chunk: must be a whole number >= 1, got 0'
        "m.render(frames: 1..10, renderer: 'ar nold')"           || "renderer: must be a Maya name (letters, digits, _ : | . -), got 'ar nold'"
        "m.render(frames: 1..10, cpus: 4)"                       || "unknown maya render option 'cpus'; valid: camera, chunk, extra, frames, layer, name, renderer"
        "m.render(frames: 1..10, extra: ['x'])"                  || "extra: Render flags start with '-', got 'x'"
        "m.python([], 'cmds.ls()')"                              || 'python: no items given'
        "m.python(['a']) { null }"                               || "python: the snippet function returned null for item 0 ('a')"
        "m.python(['a'], chunk: 2, priority: 1) { 'x' }"         || "unknown maya python option 'priority'; valid: chunk, name"
    }
}
