package io.jobline.dsl

import io.jobline.pool.PoolError
import io.jobline.pool.WorkerPool
import spock.lang.Timeout

import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolDslSpec extends DslSpecification {

    def 'the SPEC example: pool(8) { p -> … } runs every inbox item, exiles, and leaves the results in the outbox'() {
        expect:
        script('''
            def download = { uri, path -> "$uri -> $path" }
            def p = pool(8) { p ->
                (1..100).each { p.inbox.put([download, ["http://x/$it", "/tmp/$it"], [:]]) }
            }
            assert p.exiled
            def results = drain(p.outbox)*.toString()
            [results.size(), results.contains('http://x/42 -> /tmp/42'), drain(p.outbox)]
        ''') == [100, true, []]
    }

    def 'the pool is also the block delegate, so its words work without the parameter'() {
        expect:
        script('''
            def p = pool(2) {
                inbox.put([{ it * 2 }, [21]])
                put({ a, b -> a + b }, [1, 2])
            }
            drain(p.outbox).sort()
        ''') == [3, 42]
    }

    def "exile always runs, also when the block throws, and the block's exception propagates"() {
        expect:
        script('''
            WorkerPool seen = null
            def message = null
            try {
                pool(2) { p -> seen = p; throw new IllegalStateException('oops') }
            } catch (IllegalStateException e) {
                message = e.message
            }
            [message, seen.exiled]
        ''') == ['oops', true]
    }

    def 'options in every form: pool(2, max: 16) { }, pool(2, [max: 16]) { }, pool(workers: 2) { }, pool(workers: 2)'() {
        expect:
        script('''
            def a = pool(2, max: 16) { }
            def b = pool(2, [max: 8, name: 'named']) { }
            def c = pool(workers: 3, max: 4) { }
            def d = pool(workers: 1)
            d.put({ 'later' }, [])
            d.exile()
            def e = pool(2)
            e.exile()
            [a.max, b.max, b.name, c.min, c.max, d.exiled, drain(d.outbox), e.exiled]
        ''') == [16, 8, 'named', 3, 4, true, ['later'], true]
    }

    def 'errors land in the errbox with the item and the original exception; caller-supplied boxes are used'() {
        expect:
        script(outbox: new LinkedBlockingQueue(), '''
            def bad = { throw new IOException("broken $it") }
            def p = pool(2, outbox: outbox) { p ->
                p.inbox.put([bad, [1]])
                p.inbox.put('not an item')
                p.inbox.put([{ it }, [7]])
            }
            def errors = drain(p.errbox)
            [drain(outbox), errors.size(), errors.every { it instanceof PoolError },
             errors.find { it.exception instanceof IOException }?.item?.getAt(1)]
        ''') == [[7], 2, true, [1]]
    }

    def 'pool(Map) without workers is a clear error'() {
        when:
        script('pool(max: 4) { }')

        then:
        IllegalArgumentException e = thrown()
        e.message.contains('how many workers')
    }
}
