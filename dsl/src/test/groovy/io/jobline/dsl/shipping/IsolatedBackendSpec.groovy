package io.jobline.dsl.shipping

import io.jobline.dsl.JoblineDsl
import io.jobline.dsl.Tasks
import io.jobline.shipping.NotShippableException
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

/**
 * Job scripts that name a backend running work elsewhere ({@code isolated}: an {@link IsolatedWorker} with none of
 * the script's classes) get the same results as on threads: what the DSL's front ends hand a backend can be shipped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IsolatedBackendSpec extends Specification {

    static Object script(String text) {
        JoblineDsl.newShell().evaluate(text, 'job.groovy')
    }

    def cleanup() {
        Tasks.shutdown()
    }

    def 'an executor submits a closure that calls a script method'() {
        expect:
        script('''
            def square(x) { x * x }
            executor(backend: 'isolated').withCloseable { ex ->
                (1..20).collect { i -> ex.submit({ square(it) + 1 }, i) }*.get()
            }
        ''') == (1..20).collect { it * it + 1 }
    }

    def 'a pipeline stage on the isolated backend, between stages on threads'() {
        expect:
        script('''
            def twice(x) { x * 2 }
            factor = 10
            pipeline(keepOrder: true) {
                stage { it + 1 }
                stage({ twice(it) * factor }, backend: 'isolated', threads: 2)
                stage { it - 1 }
            }.run(1..50)
        ''') == (1..50).collect { (it + 1) * 20 - 1 }
    }

    def 'a result of a class the script defines comes back as that class'() {
        expect:
        script('''
            class Box { int size }
            def box = executor(backend: 'isolated').withCloseable { ex -> ex.submit({ new Box(size: it) }, 42).get() }
            [box instanceof Box, box.size]
        ''') == [true, 42]
    }

    def '@Task(backend = ...) runs the method body in the worker'() {
        expect:
        script('''
            def offset = 2
            @Task(backend = 'isolated')
            def area(w, h) { w * h }
            [area(6, 7).get(), area(2, 3).get()]
        ''') == [42, 6]
    }

    def 'an exception in the worker re-raises with its message and cause'() {
        when:
        script('''
            executor(backend: 'isolated').withCloseable { ex ->
                ex.submit({ throw new IllegalStateException('bad ' + it, new ArithmeticException('root')) }, 7).get()
            }
        ''')

        then:
        ExecutionException e = thrown()
        e.cause instanceof IllegalStateException
        e.cause.message == 'bad 7'
        e.cause.cause instanceof ArithmeticException
    }

    def 'a capture that cannot be sent fails the call, naming variable, type and line'() {
        when:
        script('''def lock = Thread.currentThread()
executor(backend: 'isolated').withCloseable { ex ->
    ex.submit({ x ->
        lock.name + x }, 1).get()
}''')

        then:
        ExecutionException e = thrown()
        e.cause instanceof NotShippableException
        e.cause.message == "the function (job.groovy:4) captures variable 'lock' of type java.lang.Thread, " +
                'which cannot be sent to a worker process'
    }
}
