package io.jobline.shell

import org.jline.reader.Candidate
import org.jline.reader.Parser
import io.jobline.shell.console.InteractiveShell
import spock.lang.AutoCleanup
import spock.lang.Specification

import java.util.concurrent.TimeUnit

/** The shell's commands, completion, errors, Ctrl-C and notices, through a terminal on streams. */
class ShellCommandsSpec extends Specification {

    @AutoCleanup
    ShellDriver shell = new ShellDriver()

    def setup() {
        Gate.reset()
    }

    /** Starts a run named {@code name} whose one stage waits at gate {@code name}. @return its id */
    private long startGated(String name, int items = 4) {
        shell.enter("def $name = pipeline('$name') { stage({ io.jobline.shell.Gate.await('$name'); it }, name: 'work') }")
        def text = shell.enter("def ${name}Run = ${name}.start(1..$items)")
        (text =~ /run (\d+) of pipeline/)[0][1] as long
    }

    def ":jobs lists live and finished runs with their numbers"() {
        given:
        long id = startGated('slow')

        when:
        def live = shell.enter(':jobs')
        Gate.open('slow')
        shell.enter('slowRun.join()')
        def done = shell.enter(':j')

        then:
        live =~ /(?m)^\s*$id\s+run\s+slow\s+RUNNING/
        done =~ /(?m)^\s*$id\s+run\s+slow\s+DONE\s+4\s+4\s+0/
    }

    def ":stats shows a run's stages, :watch off a full terminal one frame"() {
        given:
        long id = startGated('staged')

        expect:
        shell.enter(":stats $id") =~ /(?m)^work\s+1\s+\d+\/\d+/
        shell.enter(":watch $id").contains('this is one frame')

        cleanup:
        Gate.open('staged')
    }

    def ":threads resizes a live stage, and says what is valid when the stage is wrong"() {
        given:
        long id = startGated('grow', 5000) // workers take items in batches: enough for the new ones too

        expect:
        shell.enter(":threads $id work 3").contains("stage 'work' now has 3 threads")
        poll { shell.scope.find(id).snapshot().parts()[0].size() == 3 }
        shell.enter(":threads $id nope 3").contains('stages: work')
        shell.enter(":threads $id work zero").contains('N must be a whole number >= 1')

        cleanup:
        Gate.open('grow')
    }

    def ":cancel stops one run, :cancel all the rest; a notice tells each one that ended in the background"() {
        given:
        long first = startGated('one')
        long second = startGated('two')

        when:
        def cancelled = shell.enter(":cancel $first")

        then:
        cancelled.contains("cancelled run $first 'one'")
        shell.awaitAnywhere("[$first] run 'one' CANCELLED")

        when:
        shell.enter(':cancel all')

        then:
        shell.awaitAnywhere("[$second] run 'two' CANCELLED")
        shell.enter(":cancel $first").contains('had ended already')
        shell.enter(':cancel 999999').contains('no job 999999')
    }

    def "the status line counts what is live"() {
        given:
        startGated('shown')

        expect:
        poll { shell.shell.status().text()?.contains('1 live: 1 run') }

        when:
        Gate.open('shown')
        shell.enter('shownRun.join()')

        then:
        poll { shell.shell.status().text() == null }
    }

    def "Ctrl-C stops the blocking input and the runs it started, not a run started before, nor the shell"() {
        given:
        long background = startGated('before')

        when:
        shell.type("pipeline('blocking') { stage { io.jobline.shell.Gate.await('never'); it } }.run(1..3)\n")
        poll { shell.shell.session().busy() && shell.scope.live().any { it.name() == 'blocking' } }
        shell.ctrlC()

        then:
        shell.await('interrupted: the input stopped (Ctrl-C)')
        shell.await(InteractiveShell.PROMPT)
        shell.enter(':jobs') =~ /(?m)^\s*$background\s+run\s+before\s+RUNNING/
        shell.enter('1 + 1').contains('==> 2')
        poll { shell.scope.list().find { it.name() == 'blocking' }?.state()?.name() == 'CANCELLED' }

        cleanup:
        Gate.open('before')
    }

    def "Ctrl-C interrupts an input that only sleeps"() {
        when:
        shell.type('Thread.sleep(600_000)\n')
        poll { shell.shell.session().busy() }
        shell.ctrlC()

        then:
        shell.await('interrupted')
        shell.await(InteractiveShell.PROMPT)
        shell.enter('"alive"').contains('==> alive')
    }

    def "errors are one clear line, the DSL's messages as they are, and :stacktrace has the rest"() {
        expect:
        shell.enter('pipelin.run(1..3)').contains("ERROR MissingPropertyException: no such property 'pipelin'")
        shell.enter('pipelin { }').contains("ERROR MissingMethodException: no such method 'pipelin'")
        shell.enter('pipeline { stage({ it }, threads: 0) }').contains("threads: must be a whole number >= 1, got 0")
        shell.enter('1 +* 2 ; }').contains('ERROR input:1:')
        shell.enter(':stacktrace').contains('\tat ')
        shell.enter(':nope').contains("ERROR unknown command ':nope'; valid: :jobs")
    }

    def ":vars, :imports, :reset, :history, :help, :load"() {
        given:
        def file = File.createTempFile('loaded', '.groovy')
        file.text = 'def fromFile = 7\ndef twice(n) { n * 2 }\nclass Loaded { }\n'

        expect:
        shell.enter('def kept = [1, 2]').contains('==> [1, 2]')
        shell.enter(':vars') =~ /ArrayList kept = \[1, 2\]/
        shell.enter("/load $file.path").readLines().every { !it.startsWith('ERROR') }
        shell.enter('twice(fromFile)').contains('==> 14')
        shell.enter('new Loaded().class.simpleName').contains('==> Loaded')
        shell.enter(':vars').contains('method twice(...)')
        shell.enter(':history').contains('def kept = [1, 2]')
        shell.enter(':help').contains(':threads ID STAGE N')
        shell.enter(':help cancel').contains(':cancel ID|all')
        shell.enter(':load /no/such/file').contains('ERROR no such file')
        shell.enter(':reset').contains('session reset')
        shell.enter('kept').contains("no such property 'kept'")

        cleanup:
        file.delete()
    }

    def "completion offers DSL words, variables, members of a variable's value, commands, ids and stage names, and runs nothing"() {
        given:
        long id = startGated('complete')
        shell.enter('calls = 0')
        shell.enter('def sideEffect() { calls++; "x" }')

        expect:
        complete('pipel').contains('pipeline')
        complete('complet').contains('completeRun')
        complete('completeRun.sta').containsAll(['completeRun.stats()', 'completeRun.state'])
        complete('Duration.ofSe').contains('Duration.ofSeconds(')
        complete('sideEffect().len').isEmpty()
        complete(':wa').contains(':watch')
        complete(':threads ').contains(id as String)
        complete(":threads $id ").contains('work')
        shell.enter('calls').contains('==> 0')

        cleanup:
        Gate.open('complete')
    }

    private List<String> complete(String line) {
        def reader = shell.shell.@reader
        def parsed = reader.parser.parse(line, line.length(), Parser.ParseContext.COMPLETE)
        List<Candidate> candidates = []
        reader.completer.complete(reader, parsed, candidates)
        candidates*.value().findAll { it.startsWith(parsed.word()) }
    }

    private static boolean poll(Closure<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ShellDriver.WAIT_SECONDS)
        while (!condition()) {
            assert System.nanoTime() < deadline: 'the condition never held'
            Thread.onSpinWait()
            Thread.yield()
        }
        true
    }
}
