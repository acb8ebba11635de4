package io.jobline.future

import io.jobline.executor.JobExecutor
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.time.Duration
import java.util.concurrent.BlockingQueue
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.function.Function

import static io.jobline.future.Futures.asCompleted
import static io.jobline.future.Futures.waitAll
import static io.jobline.future.Futures.waitAny
import static io.jobline.future.WaitMode.ALL_COMPLETED
import static io.jobline.future.WaitMode.FIRST_COMPLETED
import static io.jobline.future.WaitMode.FIRST_EXCEPTION

@Timeout(30)
class FuturesSpec extends Specification {

    @AutoCleanup
    JobExecutor ex = JobExecutor.create(workers: 4)

    static List<JobFuture<Object>> futures(int n) {
        (0..<n).collect { new JobFuture<Object>("f$it") }
    }

    /** Runs {@code body} on another thread; its result or failure in a future. */
    static <T> CompletableFuture<T> async(Closure<T> body) {
        CompletableFuture.supplyAsync { body() }
    }

    def "asCompleted yields the final futures first, then each as it completes, and blocks in between"() {
        given:
        def fs = futures(4)
        fs[2].complete('c')
        fs[0].complete('a')
        BlockingQueue<JobFuture> yielded = new LinkedBlockingQueue<>()
        def consumer = async { asCompleted(fs).each { yielded.put(it) }; 'finished' }

        expect: 'already final ones first, in collection order'
        yielded.take().is(fs[0])
        yielded.take().is(fs[2])

        when:
        fs[3].complete('d')

        then:
        yielded.take().is(fs[3])
        !consumer.done

        when:
        fs[1].completeExceptionally(new IOException('failed ones count too'))

        then:
        yielded.take().is(fs[1])
        consumer.get(5, TimeUnit.SECONDS) == 'finished'
        yielded.empty
    }

    def "asCompleted yields executor futures in completion order"() {
        given:
        def gates = (0..<5).collect { new CountDownLatch(1) }
        def fs = (0..<5).collect { i -> ex.submit({ x -> gates[i].await(); x } as Function, i) }
        def order = [3, 0, 4, 1, 2]
        def it = asCompleted(fs).iterator()

        expect:
        order.every { i ->
            gates[i].countDown()
            it.next().is(fs[i])
        }
        !it.hasNext()
    }

    def "asCompleted gives a future listed twice once"() {
        given:
        def f = new JobFuture<Object>()
        f.complete(1)

        expect:
        asCompleted([f, f]).toList() == [f]
    }

    def "asCompleted with a timeout throws a timeout when the next future is late"() {
        given:
        def fs = futures(2)
        fs[1].complete('on time')
        def it = asCompleted(fs, timeout).iterator()

        expect:
        it.next().is(fs[1])

        when:
        it.next()

        then:
        def e = thrown(CompletionException)
        e.cause instanceof TimeoutException
        e.cause.message == 'asCompleted: 1 of 2 futures not final within the timeout'

        where:
        timeout << [0.05, Duration.ofMillis(50), 0]
    }

    def "wait(FIRST_COMPLETED) returns as soon as one future is final"() {
        given:
        def fs = futures(3)
        def waiting = async { Futures.wait(fs, FIRST_COMPLETED) }

        when:
        fs[1].complete('first')
        def result = waiting.get(5, TimeUnit.SECONDS)

        then:
        result.done == [fs[1]] as Set
        result.notDone == [fs[0], fs[2]] as Set
    }

    def "wait(FIRST_EXCEPTION) ignores results and cancellations and returns at the first failure"() {
        given:
        def fs = futures(4)
        fs[0].complete('fine')
        fs[1].cancel(true)

        when: 'only a result and a cancellation: it waits the whole timeout'
        long start = System.nanoTime()
        def timedOut = Futures.wait(fs, FIRST_EXCEPTION, 0.1)

        then:
        System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100)
        timedOut.done == [fs[0], fs[1]] as Set

        when:
        def waiting = async { Futures.wait(fs, FIRST_EXCEPTION) }
        fs[2].completeExceptionally(new IllegalStateException('broken'))
        def result = waiting.get(5, TimeUnit.SECONDS)

        then:
        result.done == [fs[0], fs[1], fs[2]] as Set
        result.notDone == [fs[3]] as Set
    }

    def "wait(FIRST_EXCEPTION) without any failure waits for all"() {
        given:
        def fs = futures(3)
        def waiting = async { Futures.wait(fs, FIRST_EXCEPTION) }

        when:
        fs.eachWithIndex { f, i -> f.complete(i) }

        then:
        waiting.get(5, TimeUnit.SECONDS).notDone.empty
    }

    def "wait(ALL_COMPLETED) returns when every future is final, whatever its outcome"() {
        given:
        def gates = (0..<6).collect { new CountDownLatch(1) }
        def fs = (0..<6).collect { i ->
            ex.submit({ x -> gates[x].await(); if (x == 3) { throw new IOException('three') }; x } as Function, i)
        }
        def waiting = async { Futures.wait(fs, ALL_COMPLETED) }

        when:
        gates.reverse().each { it.countDown() }
        def result = waiting.get(5, TimeUnit.SECONDS)

        then:
        result.done == fs as Set
        result.notDone.empty
        fs*.state.count { it == JobState.FAILED } == 1
    }

    def "wait returns at its timeout with what is done and what is not; 0 only looks"() {
        given:
        def fs = futures(3)
        fs[0].complete('x')

        when:
        def result = Futures.wait(fs, ALL_COMPLETED, timeout)

        then:
        result.done == [fs[0]] as Set
        result.notDone == [fs[1], fs[2]] as Set

        where:
        timeout << [0.05, Duration.ofMillis(20), 0, Duration.ZERO]
    }

    def "waitAll and waitAny"() {
        given:
        def fs = futures(3)

        when:
        def any = async { waitAny(fs) }
        def all = async { waitAll(fs) }
        fs[2].complete(2)

        then:
        any.get(5, TimeUnit.SECONDS).done == [fs[2]] as Set

        when:
        fs[0].complete(0)
        fs[1].cancel(false)

        then:
        all.get(5, TimeUnit.SECONDS).done == fs as Set
        waitAny([]).done.empty
        waitAll([]).done.empty
        waitAll(fs, 1).notDone.empty
        waitAny(fs, Duration.ofSeconds(1)).done.size() == 3
    }

    def "wait rejects a bad timeout or mode"() {
        when:
        Futures.wait(futures(1), mode, timeout)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        mode          | timeout | message
        ALL_COMPLETED | -1      | 'timeout: must be a positive number of seconds or a java.time.Duration, got -1'
        ALL_COMPLETED | 'soon'  | "got 'soon'"
        null          | 1       | 'mode: must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED'
    }

    def "an interrupted wait throws InterruptedException"() {
        given:
        def fs = futures(1)
        def outcome = new CompletableFuture<Throwable>()
        def waiter = Thread.start {
            try {
                waitAll(fs)
                outcome.complete(null)
            } catch (InterruptedException e) {
                outcome.complete(e)
            }
        }

        when:
        waiter.interrupt()

        then:
        outcome.get(5, TimeUnit.SECONDS) instanceof InterruptedException
    }

    def "an interrupted asCompleted iteration throws CancellationException and keeps the interrupt"() {
        given:
        def fs = futures(1)
        def outcome = new CompletableFuture<List>()
        def waiter = Thread.start {
            try {
                asCompleted(fs).iterator().next()
            } catch (CancellationException e) {
                outcome.complete([e, Thread.currentThread().isInterrupted()])
            }
        }

        when:
        waiter.interrupt()

        then:
        def (e, interrupted) = outcome.get(5, TimeUnit.SECONDS)
        e.message == 'asCompleted: interrupted while waiting'
        interrupted
    }

    def "a loop of timed waits on a future that does not finish leaves no callback on it"() {
        given:
        def pending = new JobFuture<Object>('never')
        def other = new JobFuture<Object>('other')

        when:
        1000.times { Futures.wait([pending, other], ALL_COMPLETED, 0.001) }

        then: 'at most the one hook per future'
        pending.numberOfDependents <= 1
        other.numberOfDependents <= 1

        when: 'waits still see it finish'
        def waiting = Thread.start { Futures.wait([pending], ALL_COMPLETED, null) }
        pending.complete(1)
        waiting.join()

        then:
        pending.done
    }

    def "timed waits on a plain Future start one watcher thread for it, not one per wait"() {
        given:
        def task = new java.util.concurrent.FutureTask<Object>({ 'ran' })
        def watchers = { Thread.allStackTraces.keySet().count { it.alive && it.name.startsWith('jobline-future-watcher') } }
        int before = watchers()

        when:
        50.times { Futures.wait([task], ALL_COMPLETED, 0.001) }

        then:
        watchers() - before <= 1

        when:
        def waiting = Thread.start { assert Futures.wait([task], ALL_COMPLETED, null).notDone.empty }
        task.run()
        waiting.join()

        then:
        task.get() == 'ran'
    }
}
