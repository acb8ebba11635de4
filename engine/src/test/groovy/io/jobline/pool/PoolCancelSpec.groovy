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
