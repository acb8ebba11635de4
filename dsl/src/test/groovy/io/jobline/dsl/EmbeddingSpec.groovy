package io.jobline.dsl

import org.codehaus.groovy.control.CompilerConfiguration
import spock.lang.Timeout

import java.util.concurrent.TimeUnit

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddingSpec extends DslSpecification {

    def 'install() puts the DSL into any GroovyShell with one call'() {
        given:
        def shell = new GroovyShell(JoblineDsl.install(new CompilerConfiguration()))

        expect:
        shell.evaluate('def add1 = { it + 1 }; pipeline { stage add1 }.run([1])') == [2]
    }

    def 'install() keeps a script base class of your own; the words still come through static imports'() {
        given:
        def config = new CompilerConfiguration()
        config.scriptBaseClass = MyBase.name
        def shell = new GroovyShell(JoblineDsl.install(config))

        expect:
        shell.evaluate('[mine(), pipeline { stage { it * 2 } }.run([2]), DROP.toString()]') == ['mine', [4], 'DROP']
    }

    def 'the base class alone is enough for the words; errors and binding closures behave as in any script'() {
        given:
        def config = new CompilerConfiguration()
        config.scriptBaseClass = JoblineScript.name
        def shell = new GroovyShell(new Binding(twice: { it * 2 }), config)

        expect:
        shell.evaluate('pipeline { stage { it % 2 ? DROP : it } }.run(1..4)') == [2, 4]
        shell.evaluate('twice(21)') == 42
        shell.evaluate('executor(workers: 1).withCloseable { ex -> wait([ex.submit({ 1 })], FIRST_COMPLETED).done.size() }') == 1

        when:
        shell.evaluate('''
            def f = { it }
            pipeline { stage f, threads: 0 }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message == "stage 'stage1': threads: must be a whole number >= 1, got 0"
        scriptLine(e) == 3

        when:
        shell.evaluate('nosuchword(1)')

        then:
        MissingMethodException missing = thrown()
        missing.method == 'nosuchword'
    }

    def 'a job script may import the words itself'() {
        expect:
        script('''
            import static io.jobline.dsl.Jobline.*
            pipeline { stage { it + 1 } }.run([1]) + pipeline('x') { stage { it } }.stageNames
        ''') == [2, 'stage1']
        script('''
            import static io.jobline.dsl.Jobline.*
            def inc = { it + 1 }
            pipeline { stage inc }.run([1])
        ''') == [2]
    }

    def 'plain Groovy with one static import: the Gradle / gmavenplus way'() {
        given:
        def shell = new GroovyShell()

        expect:
        shell.evaluate('''
            import static io.jobline.dsl.Jobline.*

            def p = pipeline(keepOrder: true) {
                stage({ it + 1 }, threads: 2)
            }
            def ex = executor(workers: 2)
            def f
            def b = ex.batch { f = submit({ it * 3 }, 3) }
            ex.close()
            [p.run(1..3), f.get(), b.futures.size(), wait([f], ALL_COMPLETED).done.size()]
        ''') == [[2, 3, 4], 9, 1, 1]
    }

    def 'Groovy code can call the facade directly'() {
        when:
        def p = Jobline.pipeline('direct') { stage { it.toUpperCase() } }

        then:
        p.name == 'direct'
        p.run(['a', 'b']).sort() == ['A', 'B']
    }

    def "wait(...) in a script and in a script's class is Jobline's, not Object.wait"() {
        expect:
        script('''
            class Waiter {
                def go(ex) { wait([ex.submit({ 1 })], FIRST_COMPLETED).done.size() }
            }
            def ex = executor()
            try {
                [wait([ex.submit({ 2 })]).done.size(), new Waiter().go(ex)]
            } finally {
                ex.close()
            }
        ''') == [1, 1]
    }

    def 'JoblineDsl.words() lists what scripts get, for completion and help'() {
        expect:
        JoblineDsl.words().containsAll(['pipeline', 'stage', 'executor', 'pool', 'drain', 'asCompleted', 'wait',
                                        'waitAll', 'waitAny', 'waitFor', 'DROP', 'FIRST_COMPLETED', 'FIRST_EXCEPTION',
                                        'ALL_COMPLETED'])
        !JoblineDsl.words().any { it.contains('$') }
    }

    static abstract class MyBase extends Script {
        String mine() { 'mine' }
    }
}
