package io.jobline.shell

import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.TimeUnit

/**
 * Qube from the command line, on the project's stand-in Qube put first on the PATH of a child {@code jobline}
 * (nothing in this JVM changes): {@code @Task} and {@code qube()} with their default options, a bad option named
 * with the script's file and line, Ctrl-C of {@code jobline run} (no stand-in job left running),
 * {@code jobline farm check|submit|status|cancel --backend qube}.
 */
@Timeout(300)
class QubeCliSpec extends Specification {

    @TempDir
    File dir

    File home
    Path state

    def setup() {
        home = new File(dir, 'home')
        home.mkdirs()
        state = dir.toPath().resolve('qube-state')
    }

    static Path standInBin() {
        Path at = Paths.get('').toAbsolutePath()
        while (at != null && !Files.isDirectory(at.resolve('engine/src/test/qube-standin/bin'))) {
            at = at.parent
        }
        assert at != null
        at.resolve('engine/src/test/qube-standin/bin')
    }

    Process start(String... args) {
        def pb = new ProcessBuilder([ChildJvm.JAVA, '-cp', ChildJvm.CLASS_PATH, "-Duser.home=$home".toString(),
                                     'io.jobline.shell.Main', *args]).directory(dir)
        pb.environment().PATH = standInBin().toString() + File.pathSeparator + System.getenv('PATH')
        pb.environment().QUBE_STANDIN_STATE = state.toString()
        pb.start()
    }

    ChildJvm.Result jobline(String... args) {
        def process = start(args)
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def readers = [process.consumeProcessOutputStream(out), process.consumeProcessErrorStream(err)]
        assert process.waitFor(240, TimeUnit.SECONDS): "jobline ${args.toList()} did not end in 240 s"
        readers*.join()
        new ChildJvm.Result(out: out.toString('UTF-8'), err: err.toString('UTF-8'), code: process.exitValue())
    }

    File script(String name, String text) {
        def file = new File(dir, name)
        file.text = text.stripIndent()
        file
    }

    Map<String, Map> jobs() {
        Path jobs = state.resolve('jobs')
        !Files.isDirectory(jobs) ? [:] : Files.list(jobs).withCloseable { it.toList() }.collectEntries {
            [it.fileName.toString(), new JsonSlurper().parse(it.resolve('job.json').toFile())]
        }
    }

    List<Long> livePids() {
        jobs().values().collectMany { [it.supervisor as long] + it.work*.pid.collect { p -> p as long } }.findAll {
            it > 0 && Files.exists(Paths.get("/proc/$it")) && Files.readString(Paths.get("/proc/$it/stat")).split(' ')[2] != 'Z'
        }
    }

    /** The stand-in's supervisor ends just after qbkill returns: wait (at most 30 s) for its processes to be gone. */
    boolean eventuallyNoLivePids() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        while (livePids()) {
            assert System.nanoTime() < deadline: "stand-in processes still alive: ${livePids()}"
            Thread.sleep(100)
        }
        true
    }

    def "@Task(backend = 'qube') and qube() work with their defaults, the tools found on the PATH"() {
        given:
        def job = script('tasks.groovy', '''
            @Task(backend = 'qube')
            def cube(n) { n * n * n }
            println "cube ${cube(3).get(120)}"
            def farm = qube(pollInterval: 0.3)
            def j = farm.job(frames: 1..4, chunk: 2) { s, e -> "echo $s-$e" }
            j.join()
            println "job ${j.state} ${j.workItems.collect { j.log(it) }}"
            ''')

        when:
        def result = jobline('run', job.path)

        then:
        result.code == 0
        result.out.contains('cube 27')
        result.out.contains('job DONE [1-2, 3-4]')
    }

    def "a bad Qube option names the script's file and line, the value and what is valid"() {
        given:
        def job = script('bad.groovy', '''
            println 'before'
            def ex = executor(backend: 'qube', priority: 0)
            ''')

        when:
        def result = jobline('run', job.path)

        then:
        result.code == 1
        result.err.contains("bad.groovy:3: priority")
        result.err.contains('priority: must be a whole number >= 1, got 0')
        !result.err.contains('\tat ')
    }

    def "Ctrl-C of jobline run kills its Qube jobs: no stand-in job is left running"() {
        given:
        def submitted = new File(dir, 'submitted')
        def job = script('long.groovy', """
            def farm = qube(pollInterval: 0.3)
            def j = farm.job(frames: 1..3, name: 'long') { s, e -> 'sleep 300' }
            def ex = executor(backend: 'qube', pollInterval: 0.3)
            def f = ex.submit({ Thread.sleep(300_000) })
            new File('${submitted.path}').text = j.jobId + ' ' + f.jobId
            j.join()
            """)

        when:
        def process = start('run', '--no-progress', job.path)
        def readers = [process.consumeProcessOutputStream(new ByteArrayOutputStream()),
                       process.consumeProcessErrorStream(new ByteArrayOutputStream())]
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120)
        while (!submitted.exists() && System.nanoTime() < deadline && process.alive) {
            Thread.sleep(50) // polling for the child's file: the condition, not the sleep, synchronizes
        }
        assert submitted.exists(): 'the script did not submit within 120 s'
        def ids = submitted.text.split(' ')
        new ProcessBuilder('kill', '-INT', process.pid().toString()).start().waitFor()
        boolean ended = process.waitFor(60, TimeUnit.SECONDS)
        readers*.join()

        then:
        ended
        process.exitValue() == Main.INTERRUPTED
        ids.every { jobs()[it].status == 'killed' }
        jobs().values().every { it.status in ['killed', 'complete', 'failed'] }
        eventuallyNoLivePids()

        cleanup:
        process?.destroyForcibly()
    }

    def "farm check --backend qube submits a tiny job and a 3-item job and prints what qbsub and qbjobs answered"() {
        when:
        def result = jobline('farm', 'check', '--backend', 'qube', '-o', 'pollInterval=0.3')

        then:
        result.code == 0
        result.out.readLines().findAll { it =~ /^  \d+_\d: DONE on / }.size() == 4
        result.out =~ /last submit answer:\n  \$ qbsub --name jobline-check --type cmdrange --range 1-3 --chunk 1 /
        result.out.contains("<object type='job'><id>")
        result.out =~ /last status answer:\n  \$ qbjobs --xml --status \d+/
        result.out.contains("<object type='work'>")
    }

    def "farm submit --backend qube, and what a kill -9'd jobline left: farm status shows it, farm cancel kills it"() {
        given:
        def work = new File(dir, 'work')

        when: 'a jobline submitting a command job is killed with SIGKILL (no shutdown hook runs)'
        def process = start('farm', 'submit', '--backend', 'qube', '--frames', '1-2', '-o', "workDir=$work".toString(),
                '--', 'sleep 300')
        def err = new BufferedReader(new InputStreamReader(process.errorStream))
        def line = err.readLine()
        def id = (line =~ /qube job (\d+)/)[0][1]
        process.destroyForcibly().waitFor()
        def status = jobline('farm', 'status', work.path)
        def cancel = jobline('farm', 'cancel', work.path)

        then:
        line.startsWith("jobline: qube job $id 'job': 2 tasks")
        status.code == 0
        status.out =~ /job $id: \{(pending|running)=\d+/
        cancel.code == 0
        cancel.out.contains("cancelled qube jobs $id")
        jobs()[id].status == 'killed'
        eventuallyNoLivePids()
    }
}
