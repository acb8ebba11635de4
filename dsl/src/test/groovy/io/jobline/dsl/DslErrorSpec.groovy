package io.jobline.dsl

class DslErrorSpec extends DslSpecification {

    def 'a stage that is not callable says which stage, what is valid and what it got'() {
        when:
        script('''
            def add1 = { it + 1 }
            pipeline {
                stage add1
                stage 'abc'
            }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith('stage 2: expected a Closure, a method pointer')
        e.message.endsWith("java.util.function.Function, got java.lang.String ('abc')")
        scriptLine(e) == 5
    }

    def 'a variable holding something that is not callable is named too'() {
        when:
        script('''
            def add1 = 42
            pipeline { stage add1 }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith("stage 1 'add1': expected a Closure")
        e.message.endsWith('got java.lang.Integer (42)')
    }

    def 'bad stage options are reported by the engine, naming the stage, at the line of the stage'() {
        when:
        script('''
            def multi2 = { it * 2 }
            pipeline {
                stage multi2, threads: 0
            }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message == "stage 'multi2': threads: must be a whole number >= 1, got 0"
        scriptLine(e) == 4
    }

    def 'two stages with one name are refused at the second, naming the pipeline, the name and both stages'() {
        when:
        script('''
            def add1 = { it + 1 }
            pipeline('twice') {
                stage add1
                stage { it * 2 }
                stage add1, threads: 2
            }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message == "pipeline 'twice': stage 3 is named 'add1' as stage 1 is; stage names must be unique in a " +
                "pipeline: give one of them another, e.g. name: 'add1-3'"
        scriptLine(e) == 6
    }

    def 'a stage named as another by name: is refused too; another name: makes it valid'() {
        when:
        script('''
            pipeline {
                stage { it + 1 }
                stage({ it }, name: 'stage1')
            }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith("pipeline 'pipeline': stage 2 is named 'stage1' as stage 1 is")

        expect:
        script('''
            def add1 = { it + 1 }
            pipeline { stage add1; stage add1, name: 'add1again' }.run([1])
        ''') == [3]
    }

    def 'an unknown stage option lists the valid ones'() {
        when:
        script('def f = { it }; pipeline { stage f, thread: 2 }')

        then:
        IllegalArgumentException e = thrown()
        e.message.contains("stage 'f'")
        e.message.contains("'thread'")
        e.message.contains('threads')
    }

    def 'a pipeline with no stages is an error'() {
        when:
        script('pipeline { }')

        then:
        IllegalArgumentException e = thrown()
        e.message.contains('no stages')
    }

    def 'a misspelt word inside pipeline { } names the block, suggests the word and lists the valid ones'() {
        when:
        script('''
            def add1 = { it + 1 }
            pipeline {
                stage add1
                stag add1
            }
        ''')

        then:
        MissingMethodException e = thrown()
        e.method == 'stag'
        e.message == "No method stag(Closure) inside pipeline { }. Did you mean 'stage'? Valid words there: stage."
        scriptLine(e) == 5
    }

    def 'a DSL word with wrong arguments says so'() {
        when:
        script('pipeline { stage({ it }, { it }) }')

        then:
        MissingMethodException e = thrown()
        e.message.startsWith("Wrong arguments for 'stage' inside pipeline { }")
    }

    def 'a method named like a variable gets a hint to write a method pointer'() {
        when:
        script('''
            def add1(x) { x + 1 }
            pipeline { stage add1 }
        ''')

        then:
        MissingPropertyException e = thrown()
        e.message.contains('this.&add1')
        scriptLine(e) == 3
    }

    def 'errors from deeper down are not rewritten'() {
        when:
        script('''
            def helper() { [1].frobnicate() }
            pipeline { helper(); stage { it } }
        ''')

        then:
        MissingMethodException e = thrown()
        !(e instanceof DslMissingMethodException)
        e.method == 'frobnicate'
    }

    def 'script methods and variables still work inside pipeline { }'() {
        expect:
        script(suffix: '!', '''
            def make(int n) { return { it + n } }
            pipeline {
                stage make(1)
                stage { "$it$suffix" }
            }.run([1])
        ''') == ['2!']
    }

    def 'a misspelt word inside a batch block lists submit and map'() {
        when:
        script('''
            def ex = executor()
            try {
                ex.batch { sumbit({ it }, 1) }
            } finally {
                ex.close()
            }
        ''')

        then:
        MissingMethodException e = thrown()
        e.message.contains("Did you mean 'submit'?")
        e.message.contains('submit, map')
        scriptLine(e) == 4
    }
}
