package io.jobline.dsl

class StageNameSpec extends DslSpecification {

    def 'a stage is named after its variable, property or method pointer, else stageN by position'() {
        expect:
        script('''
            def add1 = { it + 1 }
            def add2 = { it + 2 }
            def fns = [square: { it * it }]
            def twice(x) { x * 2 }
            pipeline {
                stage add1
                stage { it }
                stage fns.square
                stage this.&twice
                stage({ it }, threads: 2)
                stage add2, threads: 2
            }.stageNames
        ''') == ['add1', 'stage2', 'square', 'twice', 'stage5', 'add2']
    }

    def 'name: wins over the variable name, in any argument order'() {
        expect:
        script('''
            def add1 = { it + 1 }
            pipeline {
                stage add1, name: 'first'
                stage name: 'second', add1
                stage(add1, threads: 2, name: 'third')
            }.stageNames
        ''') == ['first', 'second', 'third']
    }

    def "Groovy's implicit names are not stage names"() {
        expect:
        script('''
            def fns = [{ it + 1 }, { it * 2 }]
            pipeline {
                fns.each { stage it }
            }.stageNames
        ''') == ['stage1', 'stage2']
    }

    def 'only stage calls inside a pipeline block are rewritten'() {
        expect:
        script('''
            class Stager {
                def calls = []
                def stage(Object... args) { calls << args.length }
            }
            def stager = new Stager()
            def add1 = { it + 1 }
            stager.with { stage add1 }
            def p = pipeline { stage add1 }
            [stager.calls, p.stageNames]
        ''') == [[1], ['add1']]
    }

    def 'stage names also come from properties, in classes of the script too'() {
        expect:
        script('''
            class Builder {
                def square = { it * it }
                def build() { pipeline { stage square } }
            }
            def inc = { it + 1 }
            [new Builder().build().stageNames, Jobline.pipeline { stage inc }.stageNames]
        ''') == [['square'], ['inc']]
    }
}
