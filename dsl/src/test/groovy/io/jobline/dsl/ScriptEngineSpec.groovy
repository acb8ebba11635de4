package io.jobline.dsl

import spock.lang.Specification

import javax.script.ScriptEngineManager
import javax.script.SimpleBindings

/** A JSR-223 host gets the DSL by asking for the jobline engine. */
class ScriptEngineSpec extends Specification {

    def "the engine named #name runs a pipeline with no imports, stages named after their variables"() {
        given:
        def engine = new ScriptEngineManager().getEngineByName(name)

        expect:
        engine != null
        engine.factory.names.containsAll(['jobline', 'groovy-jobline'])
        engine.eval('''
            def twice = { it * 2 }
            def p = pipeline { stage twice, threads: 2 }
            assert p.stageNames == ['twice']
            p.run(1..3, keepOrder: true)
            ''') == [2, 4, 6]

        where:
        name << ['jobline', 'groovy-jobline']
    }

    def "the host's bindings are the script's variables, and executors, batches and @Task work"() {
        given:
        def engine = new ScriptEngineManager().getEngineByName('jobline')
        def bindings = new SimpleBindings([frames: 1..4])

        expect:
        engine.eval('''
            @Task
            def render(int frame) { "frame $frame" }

            def ex = executor(workers: 2)
            def b = ex.batch { frames.each { submit({ f -> f * 10 }, it) } }
            def tasks = frames.collect { render(it) }
            ex.close()
            [b.futures*.get(), tasks*.get()]
            ''', bindings) == [[10, 20, 30, 40], ['frame 1', 'frame 2', 'frame 3', 'frame 4']]
    }

    def "plain Groovy's engine is still Groovy's own for .groovy"() {
        expect:
        new ScriptEngineManager().getEngineByExtension('groovy').factory.class.simpleName == 'GroovyScriptEngineFactory'
    }
}
