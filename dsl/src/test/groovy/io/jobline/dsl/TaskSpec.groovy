package io.jobline.dsl

import io.jobline.future.JobFuture
import io.jobline.live.LiveRegistry
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import spock.lang.Timeout

import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskSpec extends DslSpecification {

    def 'a @Task method returns a future at once and runs its body on another thread'() {
        expect:
        script('''
            def gate = new java.util.concurrent.CountDownLatch(1)

            @Task def render(frame, gate) { gate.await(); "frame $frame on ${Thread.currentThread().name}" }

            def f = render(7, gate)           // a synchronous call would never return: the gate is still shut
            assert f instanceof JobFuture
            assert !f.done
            gate.countDown()
            def text = f.get()
            [text.startsWith('frame 7 on '), !text.endsWith(Thread.currentThread().name)]
        ''') == [true, true]
    }

    def 'each live scope has its own task executors: closing a scope cancels its tasks, not the others\''() {
        given:
        def a = LiveRegistry.global().openScope('script', 'a')
        def b = LiveRegistry.global().openScope('script', 'b')
        def gate = new CountDownLatch(1)
        def started = new CountDownLatch(2)
        def code = '''
            @Task def hold(gate, started) { started.countDown(); gate.await(); 'released' }
            hold(gate, started)
        '''

        when:
        JobFuture inA = a.callIn { script(gate: gate, started: started, code) }
        JobFuture inB = b.callIn { script(gate: gate, started: started, code) }
        assert started.await(30, TimeUnit.SECONDS)

        then:
        a.live()*.kind() == ['executor']
        b.live()*.kind() == ['executor']
        a.live()[0].id() != b.live()[0].id()

        when:
        a.close()
        gate.countDown()

        then:
        inB.get() == 'released'
        inA.exception instanceof java.util.concurrent.CancellationException || inA.exception instanceof InterruptedException
        a.callIn { script('@Task def again() { 2 }; again().get()') } == 2 // the closed scope's heir gets a new one

        cleanup:
        b.close()
    }

    def 'parameters, defaults, varargs and a declared return type'() {
        expect:
        script('''
            @Task int add(int a, int b = 10) { a + b }
            @Task String join(String sep, String... parts) { parts.join(sep) }
            @Task void nothing() { }
            [add(1, 2).get(), add(5).get(), join('-', 'a', 'b', 'c').get(), nothing().get()]
        ''') == [3, 15, 'a-b-c', null]
    }

    def 'class methods, static and instance, see their object and class'() {
        expect:
        script('''
            class Renderer {
                String prefix = 'r'
                static int made = 0
                @Task String frame(int n) { "$prefix$n" }
                @Task static String version() { "v$made" }
            }
            def r = new Renderer(prefix: 'shot')
            [r.frame(1).get(), Renderer.version().get()]
        ''') == ['shot1', 'v0']
    }

    def 'script variables in the binding are visible to the task body'() {
        expect:
        script(scene: 'shot010', '''
            @Task def open() { "opened $scene" }
            open().get()
        ''') == 'opened shot010'
    }

    def 'many concurrent calls all complete'() {
        expect:
        script('''
            @Task def square(n) { n * n }
            def futures = (1..500).collect { square(it) }
            waitAll(futures)
            futures*.get() == (1..500).collect { it * it }
        ''')
    }

    def 'the future fails with the original exception, its stack trace pointing into the method'() {
        when:
        script('''
            @Task def explode(String why) {
                throw new IllegalStateException(why)
            }
            explode('boom').get()
        ''')

        then:
        ExecutionException e = thrown()
        e.cause instanceof IllegalStateException
        e.cause.message == 'boom'
        scriptLine(e.cause) == 3
    }

    def 'an unknown backend is a clear error at the call'() {
        when:
        script('''
            @Task(backend = 'nope') def f() { 1 }
            f()
        ''')

        then:
        IllegalArgumentException e = thrown()
        e.message.contains("unknown backend 'nope'")
    }

    def '@Task on a method without a body is a compile error'() {
        when:
        script('''
            abstract class A { @Task abstract def f() }
            1
        ''')

        then:
        MultipleCompilationErrorsException e = thrown()
        e.message.contains('@Task needs a method with a body')
    }

    def 'Jobline.shutdown() closes the task executors; later tasks get a new one'() {
        expect:
        script('''
            @Task def one() { 1 }
            def before = one().get()
            Jobline.shutdown()
            [before, one().get()]
        ''') == [1, 1]
    }

    def '@Task works in classes compiled outside job scripts'() {
        expect:
        new TaskedClass().twice(21).get() == 42
        TaskedClass.hello('you').get() == 'hello you'
    }

    def 'other annotations of the method still apply to its body; generic methods work'() {
        expect:
        new TaskedClass().checked(['a', 'bb']).get() == 3
        new TaskedClass().first([7, 8]).get() == 7
    }

    def 'shutdown while tasks are being submitted loses no call'() {
        given:
        def callers = (1..4).collect { n ->
            Thread.start { (1..50).collect { TaskedClass.hello("$n-$it").get() } }
        }

        when:
        5.times { Jobline.shutdown() }
        callers*.join()

        then:
        noExceptionThrown()
    }

    static class TaskedClass {
        @Task int twice(int x) { x * 2 }
        @Task static String hello(String who) { "hello $who" }
        @Task @groovy.transform.CompileStatic int checked(List<String> words) { words.sum { String w -> w.length() } as int }
        @Task <T> T first(List<T> items) { items[0] }
    }

    def 'the generated method returns a JobFuture to Java callers'() {
        expect:
        TaskedClass.getMethod('twice', int).returnType == JobFuture
    }
}
