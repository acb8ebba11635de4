package io.jobline.shell

import com.google.gson.Gson
import io.jobline.live.LiveEntry
import io.jobline.live.LiveListener
import io.jobline.live.LiveRegistry
import io.jobline.live.LiveState
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** {@code jobline} run in-process: exit codes and what it prints for each kind of outcome. */
class MainSpec extends Specification {

    /** Builds pipelines with the engine's API, so these specs do not depend on the DSL's syntax. */
    static final String PIPELINE = 'io.jobline.pipeline.Pipeline'

    @TempDir
    Path dir

    ByteArrayOutputStream outBytes = new ByteArrayOutputStream()
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream()

    def cleanup() {
        Gate.reset()
    }

    String getOut() { outBytes.toString(StandardCharsets.UTF_8) }

    String getErr() { errBytes.toString(StandardCharsets.UTF_8) }

    Main main(boolean terminal = false) {
        new Main(new PrintStream(outBytes, true, 'UTF-8'), new PrintStream(errBytes, true, 'UTF-8'), terminal)
    }

    int jobline(String... args) {
        main().execute(args)
    }

    static List json(Path file) {
        new Gson().fromJson(file.toFile().text, List)
    }

    String script(String name, String text) {
        dir.resolve(name).toFile().text = text.stripIndent()
        dir.resolve(name).toString()
    }

    def "an ok script sees its arguments, options after the script included, and exits 0"() {
        given:
        def job = script('job.groovy', '''
            println "args: ${args.toList()}"
            assert args instanceof String[]
            ''')

        expect:
        jobline('run', job, 'a', '--stats', 'b c') == Main.OK
        out == "args: [a, --stats, b c]\n"
        err == ''
    }

    def "the script's class name is a valid identifier while errors name the real file"() {
        given:
        def job = script('my-job.groovy', '''
            println this.class.name
            throw new IllegalStateException('bad state')
            ''')

        expect:
        jobline('run', job) == Main.FAILED
        out == "my_job\n"
        err == "$job:3: bad state\n"
    }

    def "a job script's methods and classes run on the process backend"() {
        given:
        def job = script('cpu-job.groovy', '''
            class Result implements Comparable<Result> {
                int n
                long sum
                int compareTo(Result other) { n <=> other.n }
                String toString() { "$n:$sum" }
            }
            def crunch(int n) { new Result(n: n, sum: (1..n).sum()) }
            def results = pipeline {
                stage({ crunch(it) }, backend: 'process', threads: 2)
            }.run(1..6)
            println results.sort()
            ''')

        expect:
        jobline('run', job) == Main.OK
        out == "[1:1, 2:3, 3:6, 4:10, 5:15, 6:21]\n"
    }

    def "compile errors: exit 2, one file:line:column line each, no stack trace"() {
        given:
        def job = script('broken.groovy', '''\
            println 'fine'
            new NoSuchClass()
            def x = new AlsoMissing()
            ''')

        expect:
        jobline('run', job) == Main.USAGE
        out == ''
        err.readLines() == ["$job:2:1: unable to resolve class NoSuchClass",
                            "$job:3:9: unable to resolve class AlsoMissing"]
    }

    def "a syntax error names its line and column"() {
        given:
        def job = script('syntax.groovy', 'println "a"\ndef x = (1 +\n')

        expect:
        jobline('run', job) == Main.USAGE
        err ==~ /(?s)\Q$job\E:\d+:\d+: .+\n/
        !err.contains('\tat ')
    }

    def "a runtime error: exit 1, file:line: message, no stack trace"() {
        given:
        def job = script('fail.groovy', '''\
            println 'before'
            def check(n) {
                if (n > 1) throw new RuntimeException("boom at $n")
            }
            [1, 2].each { check(it) }
            println 'never'
            ''')

        expect:
        jobline('run', job) == Main.FAILED
        out == "before\n"
        err == "$job:3: boom at 2\n"
    }

    def "exceptions whose type tells something keep it; a missing message shows the type"() {
        given:
        def typed = script('typed.groovy', 'def f = new File("/no/such/file").newReader()')
        def bare = script('bare.groovy', '\n\nthrow new UnsupportedOperationException()')

        expect:
        jobline('run', typed) == Main.FAILED
        err =~ /^\Q$typed\E:1: FileNotFoundException: \/no\/such\/file/

        when:
        errBytes.reset()

        then:
        jobline('run', bare) == Main.FAILED
        err == "$bare:3: java.lang.UnsupportedOperationException\n"
    }

    def "an assertion's diagram keeps its columns"() {
        given:
        def job = script('assert.groovy', 'def x = 1\nassert x == 2\n')

        expect:
        jobline('run', job) == Main.FAILED
        err.readLines()[0] == "$job:2: assertion failed:"
        err.readLines()[1] == 'assert x == 2'
        err.readLines()[2] == '       | |'
    }

    def "with --stacktrace the whole trace is printed"() {
        given:
        def job = script('fail.groovy', 'def f() { throw new RuntimeException("boom") }\nf()\n')

        expect:
        jobline('run', '--stacktrace', job) == Main.FAILED
        err.startsWith('java.lang.RuntimeException: boom\n')
        err.contains('at fail.f(fail.groovy:1)')
        err.contains('at fail.run(fail.groovy:2)')
    }

    def "a failed pipeline stage: the message names the stage and item, the cause shows its own line"() {
        given:
        def job = script('stage.groovy', """\
            def divide = { x ->
                10 / x
            }
            def p = ${PIPELINE}.builder('div').stage(divide as java.util.function.Function).build()
            p.run([1, 0, 5])
            """)

        expect:
        jobline('run', '--no-progress', job) == Main.FAILED
        def lines = err.readLines().findAll { !it.startsWith("pipeline 'div'") }
        lines.size() == 2
        lines[0].startsWith("$job:5: ")
        lines[0].contains('div') || lines[0].contains('stage')
        lines[1] == "  caused by: ArithmeticException: Division by zero ($job:2)"
    }

    def "a missing script: exit 2"() {
        expect:
        jobline('run', dir.resolve('nope.groovy').toString()) == Main.USAGE
        err == "jobline: no such script: ${dir.resolve('nope.groovy')}\n"
        jobline('run', dir.toString()) == Main.USAGE
    }

    def "usage errors exit 2 with what was wrong, what is valid and where the help is"() {
        expect:
        jobline(args as String[]) == Main.USAGE
        err.readLines() == ([message, help] - [null])

        where:
        args                      | message                                                                                                                 | help
        ['run']                   | "jobline run: name a SCRIPT (a .groovy file, or - for standard input), or give -e EXPR; see 'jobline run --help'" | null
        ['run', '--bogus', 'x']   | "jobline run: unknown option '--bogus'; valid options: -e EXPR, --stats FILE, --report FILE.html, --report-dir DIR, --trace FILE.jsonl, --stacktrace, --no-progress, --help, --version" | "see 'jobline run --help'"
        ['nonsense']              | "jobline: unknown command 'nonsense'; commands: run, graph, shell, farm"                                                                  | "see 'jobline --help'"
    }

    def "--help, and no arguments at all, print the help"() {
        expect:
        jobline(args as String[]) == Main.OK
        out.startsWith('Usage: jobline')
        out.contains('run')
        out.contains('Exit codes: 0 ok, 1 the script failed, 2 usage or compile error')
        err == ''

        where:
        args << [['--help'], [], ['-h']]
    }

    def "run --help lists run's options"() {
        expect:
        jobline('run', '--help') == Main.OK
        ['--stats=FILE', '--stacktrace', '--no-progress', 'SCRIPT', 'ARGS'].every { out.contains(it) }
    }

    def "--version prints the Maven project version"() {
        expect:
        jobline('--version') == Main.OK
        out.readLines()[0] == "jobline ${VersionProvider.version()}"
        VersionProvider.version() ==~ /\d+\.\d+\.\d+.*/
        out.readLines()[1].startsWith('Groovy 4.')
    }

    def "--stats writes the final stats of every pipeline run, in start order, also when the script fails"() {
        given:
        def stats = dir.resolve('out/stats.json')
        stats.parent.toFile().mkdirs()
        def job = script('stats.groovy', """\
            import java.util.function.Function
            def inc = ${PIPELINE}.builder('inc').stage({ it + 1 } as Function).stage({ it * 2 } as Function).build()
            assert inc.run(0..99) .size() == 100
            def bad = ${PIPELINE}.builder('bad').stage({ 10 / it } as Function).build()
            bad.run(errors: 'collect', [1, 0, 2])
            throw new IllegalStateException('failed after the runs')
            """)

        when:
        int code = jobline('run', '--stats', stats.toString(), '--no-progress', job)
        def runs = json(stats)

        then:
        code == Main.FAILED
        runs.size() == 2
        with(runs[0]) {
            name == 'inc'
            state == 'DONE'
            it.in == 100
            out == 100
            errors == 0
            doing == 0
            elapsedSeconds >= 0
            stages*.name.size() == 2
            stages*.in == [100, 100]
            stages*.out == [100, 100]
        }
        with(runs[1]) {
            name == 'bad'
            state == 'DONE'
            it.in == 3
            out == 2
            errors == 1
            stages[0].errors == 1
        }
    }

    def "--stats with no pipeline run writes an empty array"() {
        given:
        def stats = dir.resolve('stats.json')

        expect:
        jobline('run', "--stats=$stats", script('none.groovy', 'println 1')) == Main.OK
        json(stats) == []
    }

    def "an unwritable --stats file fails the command after the script ran"() {
        given:
        def stats = dir.resolve('no/such/dir/stats.json')

        expect:
        jobline('run', "--stats=$stats", script('ok.groovy', 'println "ran"')) == Main.FAILED
        out == "ran\n"
        err.startsWith("jobline: cannot write stats to $stats")
    }

    def "off a terminal: one plain summary line per finished run on stderr, stdout stays the script's"() {
        given:
        def job = script('two.groovy', """\
            import java.util.function.Function
            def p = ${PIPELINE}.builder('double').stage({ Integer.parseInt(it.toString()) * 2 } as Function).build()
            println p.run(1..3)
            println p.run(errors: 'collect', [1, 'x', 3]).size()
            """)

        expect:
        main(terminal).execute('run', *options, job) == Main.OK
        out == "[2, 4, 6]\n2\n"
        err.readLines().size() == 2
        err.readLines()[0] ==~ /pipeline 'double': 3 in, 3 out, 0 errors, \d+\.\d s/
        err.readLines()[1] ==~ /pipeline 'double': 3 in, 2 out, 1 error, \d+\.\d s/

        where:
        terminal | options
        false    | []
        true     | ['--no-progress']
    }

    def "runs still going when the script ends are cancelled and reported"() {
        given:
        def job = script('leave.groovy', """\
            def p = ${PIPELINE}.builder('left').stage({ io.jobline.shell.Gate.await('never'); it } as java.util.function.Function).build()
            def run = p.start()
            run.put(1)
            println 'leaving'
            """)

        expect:
        jobline('run', job) == Main.OK
        err ==~ /pipeline 'left': 1 in, 0 out, \d+ errors?, \d+\.\d s \(cancelled\)\n/
    }

    def "on a terminal: live progress under the output, never mixed with it, cleared at the end"() {
        given:
        def job = script('live.groovy', """\
            import java.util.function.Function
            println 'before'
            def p = ${PIPELINE}.builder('slow').stage({ io.jobline.shell.Gate.await('go'); it } as Function).build()
            println p.run(1..3)
            println 'after'
            """)
        // One terminal: the status lines and both streams land on the same screen.
        def screen = new PrintStream(outBytes, true, 'UTF-8')
        def main = new Main(screen, screen, true)

        when:
        def code = CompletableFuture.supplyAsync { main.execute('run', job) }
        new PollingConditions(timeout: 20).eventually {
            assert Screen.play(out).any { it.startsWith("pipeline 'slow'") && it.contains('%') && it.contains('/s') }
        }
        Gate.open('go')

        then:
        code.get(20, TimeUnit.SECONDS) == Main.OK
        def lines = Screen.play(out)
        def summary = lines.findAll { it.startsWith("pipeline 'slow'") }
        summary.size() == 1
        summary[0] ==~ /pipeline 'slow': 3 in, 3 out, 0 errors, \d+\.\d s/
        lines - summary == ['before', '[1, 2, 3]', 'after']
    }

    def "Ctrl-C cancels the script's runs and exits 130 without a stack trace"() {
        given:
        def job = script('endless.groovy', """\
            def endless = [hasNext: { true }, next: { 1 }] as Iterator
            def p = ${PIPELINE}.builder('endless').stage({ Thread.sleep(5); it } as java.util.function.Function).build()
            p.run(endless)
            println 'not reached'
            """)
        def started = new CountDownLatch(1)
        LiveEntry seen = null
        def listener = [started: { LiveEntry run -> seen = run; started.countDown() }, ended: { }] as LiveListener
        def listening = LiveRegistry.global().addListener(listener)
        def main = main()

        when:
        def code = CompletableFuture.supplyAsync { main.execute('run', job) }
        assert started.await(20, TimeUnit.SECONDS)
        main.interrupt()

        then:
        code.get(20, TimeUnit.SECONDS) == Main.INTERRUPTED
        seen.state() == LiveState.CANCELLED
        !out.contains('not reached')
        err.readLines().last() == 'jobline: interrupted'
        !err.contains('\tat ')

        cleanup:
        listening.close()
    }

    def "Ctrl-C cancels everything live in the script's scope: an executor's pending work, a pool's queued items"() {
        given:
        def job = script('busy.groovy', """\
            def ex = io.jobline.executor.JobExecutor.create([workers: 1])
            ex.submit({ io.jobline.shell.Gate.open('executor running'); Thread.sleep(60_000) })
            def pending = ex.submit({ println 'pending call ran' })
            def pool = io.jobline.pool.WorkerPool.create(1)
            pool.put({ io.jobline.shell.Gate.open('pool running'); Thread.sleep(60_000) }, [])
            5.times { pool.put({ println 'queued item ran' }, []) }
            io.jobline.shell.Gate.open('ready')
            ex.close() // returns once Ctrl-C cancelled the executor's calls
            """)
        def ended = new java.util.concurrent.ConcurrentHashMap<String, LiveEntry>()
        def bothEnded = new CountDownLatch(2)
        def listener = [started: { }, ended: { LiveEntry e ->
            if (e.kind() in ['executor', 'pool'] && ended.putIfAbsent(e.kind(), e) == null) bothEnded.countDown()
        }] as LiveListener
        def listening = LiveRegistry.global().addListener(listener)
        def main = main()

        when:
        def code = CompletableFuture.supplyAsync { main.execute('run', job) }
        ['executor running', 'pool running', 'ready'].each { Gate.await(it) }
        main.interrupt()

        then:
        code.get(30, TimeUnit.SECONDS) == Main.INTERRUPTED
        bothEnded.await(30, TimeUnit.SECONDS)
        ended.executor.state() == LiveState.CANCELLED
        ended.pool.state() == LiveState.CANCELLED
        !out.contains('ran')
        err.readLines().last() == 'jobline: interrupted'

        cleanup:
        listening.close()
    }
}
