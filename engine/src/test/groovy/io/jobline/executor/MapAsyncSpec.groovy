package io.jobline.executor

import io.jobline.future.JobFuture
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.CancellationException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.function.Function

@Timeout(30)
class MapAsyncSpec extends Specification {

    @AutoCleanup
    JobExecutor ex = JobExecutor.create(workers: 3)

    static Function<Object, Object> fn(Closure<?> body) {
        body as Function
    }

    def "mapAsync returns at once and gathers every result in input order"() {
        given: 'the first item is held until the caller says so'
        def release = new CountDownLatch(1)
        def slowFirst = fn { int i -> if (i == 0) { release.await() }; i * 10 }

        when:
        JobFuture<List<Object>> results = ex.mapAsync(slowFirst, 0..<500)

        then: 'the call did not wait for the held item'
        !results.done

        when:
        release.countDown()

        then:
        results.get(20, TimeUnit.SECONDS) == (0..<500).collect { it * 10 }
    }

    def "onDone gets the final future on the background thread, with chunks and spread"() {
        given:
        def called = new CountDownLatch(1)
        JobFuture<List<Object>> seen = null

        when:
        def results = ex.mapAsync([chunk: 7, spread: true, onDone: { JobFuture<List<Object>> f -> seen = f; called.countDown() }],
                { a, b -> a + b } as java.util.function.BiFunction, (0..<50).collect { [it, 1] })
        called.await(20, TimeUnit.SECONDS)

        then:
        seen.is(results)
        seen.result == (1..50).toList()
    }

    def "the first failing item fails the future with its own exception"() {
        when:
        def results = ex.mapAsync(fn { int i -> if (i == 42) { throw new IllegalStateException("item $i") }; i }, 0..<100)
        results.get(20, TimeUnit.SECONDS)

        then:
        def e = thrown(ExecutionException)
        e.cause instanceof IllegalStateException
        e.cause.message == 'item 42'
    }

    def "cancelling the future cancels the work in flight"() {
        given:
        def started = new CountDownLatch(1)
        def never = new CountDownLatch(1)
        def results = ex.mapAsync(fn { i -> started.countDown(); never.await(); i }, 0..<10)
        started.await(20, TimeUnit.SECONDS)

        when:
        results.cancel(true)
        results.get()

        then:
        thrown(CancellationException)
        results.cancelled
    }

    def "an onDone that is not a function is refused before anything runs"() {
        when:
        ex.mapAsync([onDone: 'later'], fn { it }, 0..3)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains('not a function')
    }

    /**
     * A Groovy class may throw a checked exception its method does not declare (no proxy wraps it here), or an
     * AssertionError from an assert: an input iterator that does so.
     */
    static class FailingInput implements Iterator<Integer> {
        final int bad
        final Throwable failure
        int i

        FailingInput(int bad, Throwable failure) {
            this.bad = bad
            this.failure = failure
        }

        boolean hasNext() { true }

        Integer next() {
            if (++i == bad) throw failure
            i
        }
    }

    static Iterator<Integer> failingAt(int bad, Throwable failure) {
        new FailingInput(bad, failure)
    }

    def "an input that throws #kind: map returns what was read before it, in order, then throws it"() {
        when:
        def out = []
        Throwable thrown = null
        try {
            def results = ex.map(fn { it * 10 }, failingAt(bad, failure), chunk: chunk)
            while (results.hasNext()) out << results.next()
        } catch (Throwable t) {
            thrown = t
        }

        then: 'the items read before the failure, then the failure itself (a checked one in a CompletionException)'
        out == (1..<bad).collect { it * 10 }
        thrown.is(failure) || thrown.cause.is(failure)

        where:
        kind                        | failure                         | chunk | bad
        'an undeclared IOException' | new IOException('disk gone')    | 1     | 3
        'an undeclared IOException' | new IOException('disk gone')    | 1     | 20
        'an undeclared IOException' | new IOException('disk gone')    | 4     | 7
        'an AssertionError'         | new AssertionError('bad input') | 1     | 3
    }

    def "mapAsync over an input that throws an undeclared checked exception fails its future, never hangs"() {
        when:
        def failure = new IOException('disk gone')
        ex.mapAsync(fn { it }, failingAt(30, failure)).get(20, TimeUnit.SECONDS)

        then:
        def e = thrown(ExecutionException)
        e.cause.is(failure) || e.cause.cause.is(failure)
    }
}
