package io.jobline.dsl

import io.jobline.pool.WorkerPool

/** Issue 16 item 4: small misuses that were raw Groovy errors, or failed only at run time. */
class SmallMisusesSpec extends DslSpecification {

    def 'wait with a mode written as an unknown name lists the modes, at the script line'() {
        when:
        script('''
            def ex = executor(workers: 1)
            def fs = [ex.submit { 1 }]
            try {
                wait(fs, 'FIRST')
            } finally {
                ex.close()
            }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message == "wait: mode must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got 'FIRST'"
        scriptLine(e) == 5
    }

    def 'wait takes a mode by name, in any case'() {
        expect:
        script('''
            executor(workers: 1).withCloseable { ex ->
                def fs = [ex.submit { 1 }]
                wait(fs, 'all_completed', 30).done.size()
            }
        ''') == 1
    }

    def 'a stage closure with three parameters is refused where it is declared'() {
        when:
        script('''
            def p = pipeline {
                stage { it }
                stage { a, b, c -> a }
            }
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message == 'stage 2: a stage closure takes the item ({ item -> … }) or the item and an emitter ' +
                '({ item, emit -> … }), got 3 parameters'
        scriptLine(e) == 4
    }

    def 'one and two parameter stage closures are still fine'() {
        expect:
        script('''
            pipeline {
                stage { it + 1 }
                stage { x, emit -> emit(x); emit(x) }
            }.run([1, 2], keepOrder: true)
        ''') == [2, 2, 3, 3]
    }

    def 'pool(2, backend: ...) without a body is a pool the caller exiles, like pool(workers: 2, ...)'() {
        when:
        WorkerPool pool = script("pool(2, max: 3)") as WorkerPool
        WorkerPool other = script("pool(2, [max: 3])") as WorkerPool

        then:
        pool.size == 2 && pool.max == 3
        other.size == 2 && other.max == 3

        cleanup:
        pool?.exile()
        other?.exile()
    }

    def 'a farm job without options is refused for its missing frames, not with a MissingMethodException'() {
        when:
        script("""
            def farm = slurm(workDir: '${File.createTempDir().path}')
            try {
                farm.job { s, e -> 'true' }
            } finally {
                farm.close()
            }
        """)

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith('frames: a command job needs its frames, e.g. job(frames: 1..100')
        scriptLine(e) == 4
    }
}
