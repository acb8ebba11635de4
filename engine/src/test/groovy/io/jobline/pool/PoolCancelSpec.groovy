package io.jobline.pool

import spock.lang.Specification
import spock.lang.Timeout
import spock.util.concurrent.PollingConditions

import java.util.concurrent.ArrayBlockingQueue
import java.util.concurrent.CountDownLatch
import java.util.concurrent.PriorityBlockingQueue
import java.util.concurrent.atomic.AtomicInteger

import static io.jobline.pool.PoolTesting.WAIT_SECONDS
import static io.jobline.pool.PoolTesting.within
import static java.util.concurrent.TimeUnit.SECONDS

/**
 * cancel() of a {@link WorkerPool}, and boxes that do not take what a worker puts: every item ends as a result, an
 * error or a counted drop, and no worker is left behind. Every wait is bounded (a hang fails, it never sticks).
 */
@Timeout(120)
class PoolCancelSpec extends Specification {

    WorkerPool pool
    def conditions = new PollingConditions(timeout: WAIT_SECONDS)

    def cleanup() {
        pool?.cancel() // never close() here: it joins, and a worker that never ends would hang the build
    }

    def "a cancel after #stopping drops what it left to finish"() {
        given: 'one worker busy, a hundred items queued'
        pool = WorkerPool.create(1)
        def started = new CountDownLatch(1)
        def ran = new AtomicInteger()
        pool.put({ -> started.countDown(); new CountDownLatch(1).await(); 'never' }, [])
        100.times { pool.put({ -> ran.incrementAndGet(); 'queued' }, []) }
        assert started.await(WAIT_SECONDS, SECONDS)

        when: 'the pool stops (the queued items are counted to be finished), then it is cancelled'
        def stopper = Thread.startDaemon { stop(pool) }
        conditions.eventually { assert pool.inbox.size() == 100 && stopped(pool) }
        def cancelled = pool.cancel()
        stopper.join(WAIT_SECONDS * 1000)

        then: 'none of the queued items ran: they are counted as dropped'
        cancelled
        !stopper.alive
        ran.get() == 0
        within { pool.exile(true); pool.over }
        pool.dropped == 100
        pool.outbox.isEmpty()
        pool.errbox.size() == 1  // the running function, interrupted
        pool.inbox.isEmpty()

        where:
        stopping                   | stop                               | stopped
        'an exile that joins'      | { WorkerPool p -> p.exile(true) }  | { WorkerPool p -> p.exiled }
        'a stop that does not wait' | { WorkerPool p -> p.stop(false) } | { WorkerPool p -> p.size == 0 }
    }

    def "cancel frees workers waiting on a full #box: the pool ends, what did not fit is dropped"() {
        given: 'a box with room for one, and nobody taking from it'
        pool = WorkerPool.create(2, [(box): new ArrayBlockingQueue(1)])
        3.times { pool.put(fn, [it]) }
        conditions.eventually { assert waitingOnPut(pool).size() == 2 }

        when:
        pool.cancel()
        within { pool.exile(true) }

        then:
        pool.over
        workerThreads(pool).isEmpty()
        pool.dropped == 2
        pool."$box".size() == 1

        where:
        box      | fn
        'outbox' | { x -> x }
        'errbox' | { x -> throw new IllegalStateException("item $x") }
    }

    def "a function that ignores cancel's interrupt ends with its result #fate"() {
        given:
        pool = WorkerPool.create(1, [outbox: new ArrayBlockingQueue(capacity, false, ['full'])])
        def running = new CountDownLatch(1)
        def cancelled = new CountDownLatch(1)
        pool.put({ ->
            running.countDown()
            awaitIgnoringInterrupts(cancelled) // swallows cancel's interrupt, as careless user code does
            'late'
        }, [])
        assert running.await(WAIT_SECONDS, SECONDS)

        when:
        pool.cancel()
        cancelled.countDown()
        within { pool.exile(true) }

        then:
        pool.over
        pool.dropped == dropped
        pool.outbox.toList() == results

        where:
        fate                                   | capacity | dropped | results
        'dropped: the bounded outbox is full'  | 1        | 1       | ['full']
        'delivered: the outbox still has room' | 2        | 0       | ['full', 'late']
    }

    def "an outbox that refuses a result (its put throws) makes it an OUTBOX error; the worker lives on"() {
        given: 'a PriorityBlockingQueue takes only Comparable values, and WorkerPool.NULL is not one'
        pool = WorkerPool.create(1, [name: 'prio', outbox: new PriorityBlockingQueue()])
        def item = [{ -> null }, []]

        when:
        pool.inbox.put(item)
        pool.put({ -> 'still alive' }, [])

        then:
        pool.outbox.poll(WAIT_SECONDS, SECONDS) == 'still alive'
        PoolError error = pool.errbox.poll(WAIT_SECONDS, SECONDS)
        error.kind == PoolError.Kind.OUTBOX
        error.item.is(item)
        error.exception instanceof ClassCastException
        error.worker == 'prio-worker-1'
        pool.size == 1
        within { pool.exile(true); pool.over }
        pool.failed.sum() == 1
        pool.delivered.sum() == 1
    }

    def "an errbox that refuses an error (its put throws) costs no worker: the error is logged and counted as dropped"() {
        given: 'a PoolError is not Comparable'
        pool = WorkerPool.create(1, [errbox: new PriorityBlockingQueue()])

        when:
        pool.put({ -> throw new IllegalStateException('boom') }, [])
        pool.put({ -> 'still alive' }, [])

        then:
        pool.outbox.poll(WAIT_SECONDS, SECONDS) == 'still alive'
        pool.errbox.isEmpty()
        pool.dropped == 1
        pool.size == 1
        within { pool.exile(true); pool.over }
    }

    /** Waits (bounded) for {@code latch}, catching every interrupt on the way. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        for (int i = 0; i < 3; i++) {
            try {
                if (latch.await(WAIT_SECONDS, SECONDS)) {
                    return
                }
            } catch (InterruptedException ignored) {
            }
        }
    }

    private static List<Thread> workerThreads(WorkerPool pool) {
        Thread.allStackTraces.keySet().findAll { it.alive && it.name.startsWith(pool.name + '-worker-') }.toList()
    }

    private static List<Thread> waitingOnPut(WorkerPool pool) {
        workerThreads(pool).findAll { Thread t ->
            t.state == Thread.State.WAITING && t.stackTrace.any { it.className.endsWith('ArrayBlockingQueue') && it.methodName == 'put' }
        }
    }
}
