package io.jobline.dsl

import io.jobline.function.Functions
import io.jobline.function.JobFunction
import spock.lang.Specification

class GroovyFunctionAdapterSpec extends Specification {

    def 'closures of 0, 1 and 2 parameters are called with the positional arguments'() {
        expect:
        Functions.of({ -> 'none' }).call() == 'none'
        Functions.of({ it + 1 }).call(1) == 2
        Functions.of({ a, b -> a * b }).call(3, 4) == 12
    }

    def 'a single argument that is itself a list or an array reaches the closure as one value'() {
        expect:
        Functions.of({ it.size() }).call([[1, 2, 3]] as Object[]) == 3
        Functions.of({ it }).call([null] as Object[]) == null
        Functions.of({ Object[] a -> a.length }).call([[1, 2] as Object[]] as Object[]) == 2
    }

    def 'method pointers are named after their method'() {
        given:
        def helper = new Helper()

        expect:
        Functions.nameOf(helper.&twice) == 'twice'
        Functions.parameterCount(helper.&twice) == 1
        Functions.of(helper.&twice).call(21) == 42
        Functions.nameOf({ it }) == null
    }

    def 'parameter counts come from the closure'() {
        expect:
        Functions.parameterCount({ -> }) == 0
        Functions.parameterCount({ it }) == 1
        Functions.parameterCount({ item, emit -> }) == 2
    }

    def "the closure's own exception propagates, not a Groovy wrapper"() {
        given:
        JobFunction fn = Functions.of({ throw new IOException('disk full') })

        when:
        fn.call(1)

        then:
        IOException e = thrown()
        e.message == 'disk full'
    }

    def 'closures see the variables they captured'() {
        given:
        int offset = 10
        def seen = []

        when:
        def fn = Functions.of({ seen << it; it + offset })

        then:
        fn.call(1) == 11
        seen == [1]
    }

    static class Helper {
        int twice(int x) { x * 2 }
    }
}
