package io.jobline.future

import io.jobline.util.Threads
import spock.lang.Specification

import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import java.util.logging.Logger

/** Issue 16 item 4: what a timed-out get, a bad wait mode, a throwing onDone and 'virtual' on 17 say. */
class FutureMessagesSpec extends Specification {

    List<LogRecord> records = [].asSynchronized()
    Handler handler = new Handler() {
        void publish(LogRecord record) { records << record }
        void flush() {}
        void close() {}
    }

    def setup() {
        Logger.getLogger('io.jobline.future').addHandler(handler)
        Logger.getLogger(Threads.name).addHandler(handler)
    }

    def cleanup() {
        Logger.getLogger('io.jobline.future').removeHandler(handler)
        Logger.getLogger(Threads.name).removeHandler(handler)
    }

    def 'get(0.2) on a future that is not final says which one and after how long'() {
        given:
        def future = new JobFuture<Integer>('render frame 7')

        when:
        future.get(0.2)

        then:
        TimeoutException e = thrown()
        e.message == 'JobFuture[render frame 7, PENDING] is not final after 0.2 s (get timed out; the work goes on, ' +
                'cancel() stops it)'

        when:
        future.get(1500, TimeUnit.MILLISECONDS)

        then:
        TimeoutException other = thrown()
        other.message.startsWith('JobFuture[render frame 7, PENDING] is not final after 1.5 s')
    }

    def 'a wait mode is read by name, any case; anything else lists the modes'() {
        expect:
        WaitMode.of('first_completed') == WaitMode.FIRST_COMPLETED
        WaitMode.of(WaitMode.ALL_COMPLETED) == WaitMode.ALL_COMPLETED

        when:
        WaitMode.of(given)

        then:
        IllegalArgumentException e = thrown()
        e.message == "wait: mode must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got $shown"

        where:
        given   | shown
        'FIRST' | "'FIRST'"
        null    | 'null'
        60      | 'Integer (for a timeout, write wait(futures, ALL_COMPLETED, 60) or waitAll(futures, 60))'
    }

    def 'an onDone callback that throws is logged once with the future, and the other callbacks still run'() {
        given:
        def future = new JobFuture<Integer>('nightly')
        def later = []
        future.onDone { throw new IllegalStateException('callback bug') }
        future.onDone { later << it.state }

        when:
        future.complete(1)

        then:
        future.get() == 1
        later == [JobState.DONE]
        records.size() == 1
        records[0].level == Level.WARNING
        records[0].message.contains('the onDone callback of JobFuture[nightly, DONE] threw ' +
                'java.lang.IllegalStateException: callback bug')
    }

    def "threads: 'virtual' on a JVM without virtual threads is said once; on 21+ nothing is said"() {
        given:
        Threads.@FALLBACK_SAID.set(false)

        when:
        Threads.wantsVirtual('virtual')
        Threads.wantsVirtual('virtual')

        then:
        if (Threads.virtualThreadsAvailable()) {
            assert records.empty
        } else {
            assert records.size() == 1
            assert records[0].message.startsWith("threads: 'virtual' needs Java 21 or later; this is Java 17")
        }
    }

    /** A user's exception whose toString() throws: the JDK's ExecutionException(cause) would throw that instead. */
    static class Nasty extends RuntimeException {
        Nasty() { super('nasty') }

        @Override
        String toString() { throw new NullPointerException('toString broke') }
    }

    def "#how of a future whose work threw an exception with a throwing toString() fails with that exception, named safely"() {
        given:
        def future = new JobFuture<Object>()
        def nasty = new Nasty()
        future.completeExceptionally(nasty)

        when:
        call(future)

        then:
        def e = thrown(expected)
        e.cause.is(nasty)
        e.message.contains('Nasty') && e.message.contains('toString() threw NullPointerException')

        where:
        how                 | expected                                             | call
        'get()'             | java.util.concurrent.ExecutionException              | { it.get() }
        'get(20, SECONDS)'  | java.util.concurrent.ExecutionException              | { it.get(20, TimeUnit.SECONDS) }
        'get(20)'           | java.util.concurrent.ExecutionException              | { it.get(20) }
        'join()'            | java.util.concurrent.CompletionException             | { it.join() }
    }
}
