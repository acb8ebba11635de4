package io.jobline.shell

import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.util.concurrent.TimeUnit

/**
 * What a person who writes Groovy scripts relies on, through {@code jobline run} in a child JVM as from a shell:
 * {@code println} in every function on every backend, {@code @Grab} from the machine's Maven repositories (a local
 * one here, so no network is needed) on threads and in worker processes, {@code -e}, {@code -}, and clear messages
 * for what cannot run.
 */
class JobScriptSpec extends Specification {

    @Shared
    @TempDir
    File dir

    @Shared
    LocalRepository repository

    def setupSpec() {
        repository = new LocalRepository(new File(dir, 'repo'))
    }

    File script(String name, String text) {
        def file = new File(dir, name)
        file.text = text.stripIndent()
        file
    }

    def "println, print and printf in stages, executor calls, batches, @Task and pools reach stdout, prefixed in workers"() {
        given:
        def job = script('printing.groovy', '''
            @Task(backend = 'process')
            def hello(n) { println "task $n"; n }

            pipeline(backend: 'process', workers: 1) { stage({ println "stage $it"; it }) }.run(1..2)
            pipeline { stage({ println "thread stage $it"; it }) }.run([3])
            executor(backend: 'process', workers: 1).withCloseable { ex ->
                ex.submit({ println 'submit'; printf('%s-%d%n', 'printf', 1); print 'print\\n' }).get()
                ex.batch { submit({ println 'batch' }) }.futures*.get()
            }
            hello(1).get()
            pool(1, backend: 'process') { put({ println "pool $it" }, [7]) }
            ''')

        when:
        def result = ChildJvm.jobline(dir, [], 'run', job.path)

        then:
        result.code == 0
        def lines = result.out.readLines()
        ['stage 1', 'stage 2', 'submit', 'printf-1', 'print', 'batch', 'task 1', 'pool 7'].every { said ->
            lines.any { it ==~ /\[worker \d+\] \Q${said}\E/ }
        }
        lines.contains('thread stage 3')
        !result.err.contains('was not sent')
    }

    def "@Grab resolves from the mirror in ~/.m2/settings.xml; the jar is there on threads and in a worker"() {
        given:
        def home = new File(dir, 'mirror-home')
        repository.mavenSettings(home)
        def job = script('grabbing.groovy', '''
            @Grab('org.example:greeter:1.0')
            import org.example.Greeter
            println Greeter.greet('threads')
            println pipeline { stage({ Greeter.greet(it) }, threads: 2) }.run(['stage'])[0]
            println executor(backend: 'process', workers: 1).withCloseable { it.submit({ Greeter.greet('worker') }).get() }
            ''')

        when:
        def result = ChildJvm.jobline(dir, ["-Duser.home=$home".toString()], 'run', job.path)

        then:
        result.code == 0
        result.out.readLines().containsAll(['hello threads', 'hello stage', 'hello worker'])
    }

    def "an artifact @Grab cannot resolve is one line naming it, its line and where it was looked for; exit 2"() {
        given:
        def home = new File(dir, 'empty-home')
        def empty = new File(dir, 'empty-repo')
        empty.mkdirs()
        repository.mavenSettings(home, empty.toURI().toString())
        def job = script('missing.groovy', '''
            println 'never'
            @Grab('org.example:nowhere:2.0')
            import org.example.Nowhere
            ''')

        when:
        def result = ChildJvm.jobline(dir, ["-Duser.home=$home".toString()], 'run', job.path)

        then:
        result.code == Main.USAGE
        result.out == ''
        def lines = result.err.readLines()
        lines.size() == 1
        lines[0].startsWith("${job.path}:3: @Grab could not resolve org.example:nowhere:2.0")
        lines[0].contains(empty.toURI().toString())
        !result.err.contains('\tat ')
    }

    def "-e runs an expression with the positional arguments as args, - reads the script from standard input"() {
        when:
        def expression = ChildJvm.jobline(dir, [], 'run', '-e', 'println "${1 + 1} ${args.toList()}"', 'a', '--b')
        def stdin = ChildJvm.run(dir, [], ['io.jobline.shell.Main', 'run', '-', 'x'],
                'println "from stdin ${args.toList()}"\nprintln pipeline { stage { it * 2 } }.run([21])')

        then:
        expression.code == 0
        expression.out == '2 [a, --b]\n'
        stdin.code == 0
        stdin.out == 'from stdin [x]\n[42]\n'
    }

    def "clear one-line messages for a directory, an unknown option, a missing script, an -e compile error"() {
        expect:
        with(ChildJvm.jobline(dir, [], *args)) {
            code == Main.USAGE && err.readLines()[0] == message && !err.contains('\tat ')
        }

        where:
        args                               | message
        ['run', '.']                       | "jobline: . is a directory, not a script: name a .groovy file in it"
        ['run', '--frobnicate', 'x']       | "jobline run: unknown option '--frobnicate'; valid options: -e EXPR, --stats FILE, --report FILE.html, --report-dir DIR, --trace FILE.jsonl, --stacktrace, --no-progress, --help, --version"
        ['run']                            | "jobline run: name a SCRIPT (a .groovy file, or - for standard input), or give -e EXPR; see 'jobline run --help'"
        ['run', 'nope.groovy']             | 'jobline: no such script: nope.groovy'
        ['run', '-e', 'foo(']              | "-e:1:5: Unexpected input: 'foo('"
        ['frobnicate']                     | "jobline: unknown command 'frobnicate'; commands: run, graph, shell, farm"
    }

    def "a script's own threads run to their end before jobline exits; Ctrl-C still ends it with 130"() {
        given:
        def started = new File(dir, 'started')
        def job = script('waits.groovy', """
            Thread.start { new File('${started.path}').text = 'yes'; Thread.sleep(Long.MAX_VALUE) }
            println 'body done'
            """)

        when:
        def process = new ProcessBuilder([ChildJvm.JAVA, '-cp', ChildJvm.CLASS_PATH, 'io.jobline.shell.Main', 'run',
                                          job.path]).directory(dir).start()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def readers = [process.consumeProcessOutputStream(out), process.consumeProcessErrorStream(err)]
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120)
        while (!started.exists() && System.nanoTime() < deadline && process.alive) {
            Thread.sleep(50) // polling for the child's file: the condition, not the sleep, synchronizes
        }

        then:
        started.exists()
        !process.waitFor(1, TimeUnit.SECONDS)   // the body has ended, the thread keeps jobline running

        when:
        new ProcessBuilder('kill', '-INT', process.pid().toString()).start().waitFor()
        boolean ended = process.waitFor(60, TimeUnit.SECONDS)
        readers*.join()

        then:
        ended
        process.exitValue() == Main.INTERRUPTED
        out.toString().contains('body done')
        !err.toString().contains('\tat ')

        cleanup:
        process?.destroyForcibly()
    }
}
