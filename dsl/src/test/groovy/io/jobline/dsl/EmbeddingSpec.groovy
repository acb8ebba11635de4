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

    def 'the base class alone is enough for the words'() {
        given:
        def config = new CompilerConfiguration()
        config.scriptBaseClass = JoblineScript.name
        def shell = new GroovyShell(config)

        expect:
        shell.evaluate('pipeline { stage { it % 2 ? DROP : it } }.run(1..4)') == [2, 4]
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

    def "wait(...) in a script is Jobline's, not Object.wait; classes in scripts reach it through Jobline"() {
        expect:
        script('''
            class Waiter {
                def go(ex) { Jobline.wait([ex.submit({ 1 })], Jobline.FIRST_COMPLETED).done.size() }
            }
            def ex = executor()
            try {
                [wait([ex.submit({ 2 })]).done.size(), new Waiter().go(ex)]
            } finally {
                ex.close()
            }
        ''') == [1, 1]
    }

    static abstract class MyBase extends Script {
        String mine() { 'mine' }
    }
}
