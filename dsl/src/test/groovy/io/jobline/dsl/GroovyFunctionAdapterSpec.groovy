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

    def 'typed parameters: matching arguments take the fast path, others get Groovy coercion or its error'() {
        given:
        def upper = Functions.of({ String s -> s.toUpperCase() })
        def twice = Functions.of({ int x -> x * 2 })
        def name = 'x'

        expect:
        upper.callOne('abc') == 'ABC'
        upper.callOne("g$name") == 'GX'                 // a GString is coerced, as Groovy does
        twice.callOne(21) == 42
        twice.call(21) == 42

        when:
        twice.callOne('not a number')

        then:
        thrown(MissingMethodException)
    }

    def 'null arguments reach the closure'() {
        expect:
        Functions.of({ it }).callOne(null) == null
        Functions.of({ a, b -> [a, b] }).call(null, 2) == [null, 2]
    }

    def 'two-parameter closures (the emit form) and other arities'() {
        given:
        def emitted = []
        def emitForm = Functions.of({ item, emit -> emit(item); emit(item * 10) })

        when:
        emitForm.call(3, { emitted << it } as io.jobline.function.Emitter)

        then:
        emitted == [3, 30]
        Functions.of({ a, b, c -> a + b + c }).call(1, 2, 3) == 6
        Functions.of({ Object... xs -> xs.length }).call(1, 2, 3, 4) == 4
        Functions.of({ a, b = 5 -> a + b }).callOne(1) == 6
    }

    def "the closure's delegate and owner still resolve names on the fast path"() {
        given:
        def closure = { prefix + it }
        closure.delegate = [prefix: '>']
        closure.resolveStrategy = Closure.DELEGATE_FIRST

        expect:
        Functions.of(closure).callOne('x') == '>x'
    }

    def 'exceptions keep their type on the fast path too'() {
        when:
        Functions.of({ a, b -> throw new ArithmeticException("$a/$b") }).call(1, 0)

        then:
        ArithmeticException e = thrown()
        e.message == '1/0'
    }

    def 'curried and composed closures work'() {
        expect:
        Functions.of({ a, b -> a - b }.curry(10)).callOne(3) == 7
        Functions.of({ it + 1 } >> { it * 2 }).callOne(1) == 4
    }

    def 'a closure function survives serialization (for backends that ship work)'() {
        given:
        def fn = Functions.of(new Doubler())
        def bytes = new ByteArrayOutputStream()
        new ObjectOutputStream(bytes).withCloseable { it.writeObject(fn) }

        when:
        def copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject()

        then:
        copy instanceof JobFunction
        copy.callOne(21) == 42
    }

    /** A closure class with no unserializable owner. */
    static class Doubler extends Closure<Integer> {
        Doubler() { super(null) }
        Integer doCall(Object x) { x * 2 }
    }
}
