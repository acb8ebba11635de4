package io.jobline.dsl.shipping

import io.jobline.dsl.JoblineDsl
import io.jobline.shipping.NotShippableException
import io.jobline.shipping.Shipping
import org.codehaus.groovy.control.CompilerConfiguration
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.TimeUnit

/**
 * Script-defined code crosses to a worker: each case is compiled by a DSL shell, sent to an {@link IsolatedWorker}
 * (a separate copy of Groovy and Jobline that has none of the script's classes) and run there.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShippingSpec extends Specification {

    @Shared
    @AutoCleanup
    IsolatedWorker worker = new IsolatedWorker()

    static Object script(String text, Map variables = [:]) {
        JoblineDsl.newShell(new Binding(new LinkedHashMap(variables))).evaluate(text, 'job.groovy')
    }

    def 'a closure calling the script\'s methods runs on classes defined from the shipped bytecode'() {
        given:
        def fn = script('''
            def twice(x) { x * 2 }
            return { x -> twice(x) + 1 }
        ''')

        when:
        def call = worker.callIn(fn, 20)

        then:
        call.result == 41
        call.loader ==~ /jobline-unit-\d+/
    }

    def 'a closure capturing other closures'() {
        expect:
        worker.call(script('''
            def inc = { it + 1 }
            def twice = { inc(it) * 2 }
            return { x -> twice(inc(x)) }
        '''), 1) == 6
    }

    def 'binding variables travel with the script; one that cannot fails only where it is used, naming itself'() {
        given:
        def fns = script('''
            factor = 3
            current = Thread.currentThread()
            [{ x -> x * factor }, { x -> current.name }]
        ''')

        expect:
        worker.call(fns[0], 14) == 42

        when:
        worker.call(fns[1], 1)

        then:
        Exception e = thrown()
        e.class.name == IllegalStateException.name
        e.message == "variable 'current' of type java.lang.Thread was not sent to the worker process, " +
                'so the function cannot use it there (it is not serializable)'
    }

    def '@Field values arrive as the caller has them, and their initializers do not run again'() {
        given:
        System.clearProperty('jobline.test.inits')
        def fn = script('''
            import groovy.transform.Field
            @Field int base = 10
            @Field String marker = { System.setProperty('jobline.test.inits',
                    ((System.getProperty('jobline.test.inits') ?: '0') as int) + 1 as String); 'set' }()
            base = 40
            return { x -> base + x + marker.size() - 3 }
        ''')

        expect:
        System.getProperty('jobline.test.inits') == '1'
        worker.call(fn, 2) == 42
        System.getProperty('jobline.test.inits') == '1'
    }

    def 'functions of one script share one copy of it in the worker, and the caller\'s changes reach it'() {
        given:
        def shell = JoblineDsl.newShell()
        def fns = shell.evaluate('''
            import groovy.transform.Field
            @Field int hits = 0
            limit = 5
            [{ -> ++hits }, { -> hits }, { -> limit }]
        ''', 'job.groovy')

        expect: 'what a function changes there stays there'
        worker.call(fns[0]) == 1
        worker.call(fns[0]) == 2
        worker.call(fns[1]) == 2
        fns[1]() == 0

        when: 'the caller changes a variable'
        shell.context.setVariable('limit', 7)

        then:
        worker.call(fns[2]) == 7
        worker.call(fns[1]) == 2
    }

    def 'method pointers: to a script method, to a static method of a script class, curried'() {
        given:
        def fns = script('''
            class Util { static int square(int x) { x * x } }
            def twice(x) { x * 2 }
            def add(a, b) { a + b }
            [this.&twice, Util.&square, this.&add.curry(40)]
        ''')

        expect:
        worker.call(fns[0], 21) == 42
        worker.call(fns[1], 7) == 49
        worker.call(fns[2], 2) == 42
    }

    def 'an instance of a class the script defines crosses as argument and comes back as the same class'() {
        given:
        def (fn, point) = script('''
            class Point {
                int x, y
                Point plus(Point other) { new Point(x: x + other.x, y: y + other.y) }
            }
            [{ Point p -> p + new Point(x: 1, y: 1) }, new Point(x: 1, y: 2)]
        ''')

        when:
        def result = worker.call(fn, point)

        then:
        result.getClass().is(point.getClass())
        [result.x, result.y] == [2, 3]
    }

    def 'classes a script declares are made Serializable; interfaces, traits and the script class are not'() {
        given:
        def types = script('''
            interface Shape {}
            trait Named {}
            class Square implements Shape, Named {}
            enum Colour { RED }
            [Square, Shape, Named, Colour, getClass()]
        ''')

        expect:
        types.collect { Serializable.isAssignableFrom(it) } == [true, false, false, true, false]
    }

    def 'a closure declared inside pipeline { } runs without the pipeline spec it was declared in'() {
        given:
        def fn = script('''
            def twice(x) { x * 2 }
            def inner
            pipeline { inner = { x -> twice(x) + 2 }; stage inner }
            inner
        ''')

        expect:
        !(fn.owner.delegate instanceof Serializable)
        worker.call(fn, 20) == 42
    }

    def 'a closure whose delegate is a builder of this JVM leaves the delegate behind'() {
        given:
        def fn = script('''
            def c = { x -> x + 1 }
            c.delegate = new Object()
            c
        ''')

        expect:
        worker.call(fn, 41) == 42
    }

    def 'curried, composed, memoized closures and one used as a condition before'() {
        given:
        def fns = script('''
            def add = { a, b -> a + b }
            def inc = { it + 1 }
            def even = { it % 2 == 0 }
            assert (1..4).findAll(even) == [2, 4]
            [add.curry(40), add.rcurry(2), inc >> { it * 2 }, add.memoize(), even]
        ''')

        expect:
        worker.call(fns[0], 2) == 42
        worker.call(fns[1], 40) == 42
        worker.call(fns[2], 20) == 42
        worker.call(fns[3], 40, 2) == 42
        worker.call(fns[4], 42) == true
    }

    def 'a closure made in a method of a script class carries its owner'() {
        expect:
        worker.call(script('''
            class Maker {
                int k = 6
                def make() { return { x -> x * k } }
            }
            new Maker().make()
        '''), 7) == 42
    }

    def 'a binding on its own crosses as its variables'() {
        expect:
        worker.call(script('''
            answer = 42
            def b = binding
            return { -> b.getVariable('answer') }
        ''')) == 42
    }

    def 'a capture that cannot be sent fails before sending, naming the variable, its type and the line'() {
        given:
        def fns = script('''def conn = Thread.currentThread()
def render = { x ->
    conn.name + x
}
def outer = { x -> render(x) }
[render, outer]
''')

        when:
        Shipping.packFunction(fns[0], "stage 'render'")

        then:
        NotShippableException e = thrown()
        e.message == "stage 'render' (job.groovy:3) captures variable 'conn' of type java.lang.Thread, " +
                'which cannot be sent to a worker process'

        when:
        Shipping.packFunction(fns[1], "stage 'outer'")

        then:
        e = thrown()
        e.message == "stage 'outer' (job.groovy:5) captures variable 'render', a function that captures " +
                "variable 'conn' of type java.lang.Thread, which cannot be sent to a worker process"
    }

    def 'the location of a method pointer is the method\'s first line'() {
        given:
        def fn = script('''def twice(x) {
    x * 2
}
this.&twice
''')

        expect:
        Shipping.location(fn) == 'job.groovy:2'
    }

    def 'an embedder who only installed the DSL into a configuration ships too'() {
        given:
        def shell = new GroovyShell(JoblineDsl.install(new CompilerConfiguration()))
        def (fn, point) = shell.evaluate('''
            class Point2 { int x }
            [{ Point2 p -> new Point2(x: p.x * 2) }, new Point2(x: 21)]
        ''')

        when:
        def result = worker.call(fn, point)

        then:
        result.getClass().is(point.getClass())
        result.x == 42
    }

    def 'a closure nested in closures that hold things of this JVM takes none of them along'() {
        given:
        def fn = script('''
            def twice(x) { x * 2 }
            def current = Thread.currentThread()
            def make = { ignored -> { x -> twice(x) + 2 } }
            make(current)
        ''')

        expect:
        worker.call(fn, 20) == 42
    }

    def 'a closure written in a class that cannot be sent runs without it, and says so if it needs it'() {
        given:
        def pure = { x -> x * 2 }
        def needy = { x -> helper(x) }

        expect:
        worker.call(pure, 21) == 42

        when:
        worker.call(needy, 1)

        then:
        Exception e = thrown()
        e.class.name == IllegalStateException.name
        e.message.startsWith("the owner of the closure of type ${ShippingSpec.name} was not sent to the worker process")
    }

    int helper(x) { x }

    def 'a typed @Field that cannot be sent keeps its default in the worker; the rest of the script works'() {
        given:
        def fns = script('''
            import groovy.transform.Field
            @Field Thread current = Thread.currentThread()
            @Field int base = 40
            [{ x -> base + x }, { -> current }]
        ''')

        expect:
        worker.call(fns[0], 2) == 42
        worker.call(fns[1]) == null
    }

    def 'many threads ship closures of one script at once; each call gets its own answer'() {
        given:
        def fns = script('''
            import groovy.transform.Field
            @Field Map<String, Integer> weights = [a: 1, b: 2]
            scale = 10
            def weigh(k, n) { weights[k] * n * scale }
            [{ n -> weigh('a', n) }, { n -> weigh('b', n) }, this.&weigh.curry('a')]
        ''')
        def pool = java.util.concurrent.Executors.newFixedThreadPool(8)

        when:
        def futures = (1..400).collect { i ->
            pool.submit({ worker.call(fns[i % 3], i) } as java.util.concurrent.Callable)
        }
        def results = futures*.get(30, TimeUnit.SECONDS)

        then:
        results == (1..400).collect { i -> (i % 3 == 1 ? 2 : 1) * i * 10 }

        cleanup:
        pool.shutdownNow()
    }

    def 'shell input typed a moment ago: the worker gets the classes compiled since it last heard from the shell'() {
        given:
        def shell = JoblineDsl.newShell()
        shell.evaluate('class Celsius { double degrees }\nnull')
        def toC = shell.evaluate('{ f -> new Celsius(degrees: (f - 32) * 5 / 9) }')

        expect:
        worker.call(toC, 212).degrees == 100

        when: 'more input: a new class and a closure using both'
        shell.evaluate('class Kelvin { double degrees }\nnull')
        def toK = shell.evaluate('{ f -> new Kelvin(degrees: toC(f).degrees + 273.15) }')
        shell.context.setVariable('toC', toC)
        def kelvin = worker.call(toK, 32)

        then:
        kelvin.getClass().name == 'Kelvin'
        kelvin.degrees == 273.15d
    }
}
