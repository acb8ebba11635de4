package io.jobline.executor

import io.jobline.future.JobState
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.Callable
import java.util.concurrent.CancellationException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.BiFunction
import java.util.function.Function

@Timeout(30)
class BatchSpec extends Specification {

    @AutoCleanup
    RecordingBackend recording = new RecordingBackend(3)

    @AutoCleanup
    JobExecutor ex = new JobExecutor(recording, [cpus: 2])

    CountDownLatch gate = new CountDownLatch(1)

    def cleanup() {
        gate.countDown()
    }

    static Function<Object, Object> fn(Closure<?> body) {
        body as Function
    }

    def "futures are PENDING without ids until the commit, then share one job id and have work ids in order"() {
        given:
        def batch = ex.batch(name: 'squares')
        def futures = (0..<4).collect { i -> batch.submit(fn { it * it }, i) }

        expect:
        futures.every { it.state == JobState.PENDING && it.jobId == null && it.workId == null }
        batch.jobId == null
        !batch.committed
        recording.batches.empty

        when:
        batch.commit()

        then:
        futures*.get() == [0, 1, 4, 9]
        batch.committed
        batch.jobId != null
        futures.every { it.jobId == batch.jobId }
        futures*.workId == ['0', '1', '2', '3']
        futures.every { it.node.toString().startsWith('jobline-thread') }
        batch.futures == futures
        recording.batches.size() == 1
        recording.submitted.empty
    }

    def "the whole batch goes to the backend as one unit with the batch's options; item options go to the item"() {
        when:
        def batch = ex.batch(name: 'A set of functions', cpus: 4) { b ->
            b.submit(fn { "in:$it".toString() }, 'input')
            b.submit([name: 'work name'], { -> 'other' } as Callable)
            b.map(fn { it + 1 }, 0..<3)
        }

        then:
        recording.batches.size() == 1
        recording.batchOptions == [[cpus: 4, name: 'A set of functions']]
        recording.batches[0]*.options == [[:], [name: 'work name'], [:], [:], [:]]
        batch.futures*.get() == ['in:input', 'other', 1, 2, 3]
        batch.futures[1].name == 'work name'
    }

    def "map in a batch gives results in input order once committed, and refuses to be read before"() {
        given:
        def batch = ex.batch()
        def results = batch.map(fn { Thread.sleep(10 - it); it * 10 }, 0..<10)
        def pairs = batch.map({ a, b -> a * b } as BiFunction, [[2, 3], [4, 5]], spread: true)

        when:
        results.iterator()

        then:
        def e = thrown(IllegalStateException)
        e.message.startsWith('batch not committed yet')

        when:
        batch.commit()

        then:
        results.toList() == (0..<10).collect { it * 10 }
        pairs.toList() == [6, 20]
        batch.futures.size() == 12
    }

    def "a body that throws submits nothing, cancels the batch's futures and propagates"() {
        given:
        def boom = new IllegalStateException('changed my mind')
        def ran = new AtomicInteger()
        Batch seen = null

        when:
        ex.batch(name: 'never') { b ->
            seen = b
            b.submit(fn { ran.incrementAndGet() }, 1)
            b.submit(fn { ran.incrementAndGet() }, 2)
            throw boom
        }

        then:
        def e = thrown(IllegalStateException)
        e.is(boom)
        recording.batches.empty
        seen.futures.size() == 2
        seen.futures.every { it.state == JobState.CANCELLED }
        ran.get() == 0

        when:
        seen.commit()

        then:
        def again = thrown(IllegalStateException)
        again.message.contains('abandoned')
    }

    def "a body that throws a checked exception also submits nothing"() {
        when:
        ex.batch { b ->
            b.submit(fn { it }, 1)
            throw new IOException('checked')
        }

        then:
        def e = thrown(Exception)
        (e instanceof IOException ? e : e.cause) instanceof IOException
        recording.batches.empty
    }

    def "a batch is committed once and takes no work afterwards"() {
        given:
        def batch = ex.batch { it.submit(fn { it }, 1) }

        when:
        batch.commit()

        then:
        def twice = thrown(IllegalStateException)
        twice.message == "the batch is already committed as job ${batch.jobId}".toString()

        when:
        batch.submit(fn { it }, 2)

        then:
        def late = thrown(IllegalStateException)
        late.message.contains('committed')
    }

    def "a future cancelled before the commit is left out; the others run"() {
        given:
        def ran = []
        def batch = ex.batch()
        def keep = batch.submit(fn { 'kept' }, 0)
        def drop = batch.submit(fn { ran << 'dropped'; 'dropped' }, 1)

        when:
        drop.cancel(true)
        batch.commit()

        then:
        keep.get() == 'kept'
        drop.state == JobState.CANCELLED
        keep.workId == '0'
        drop.jobId == null
        recording.batches[0].size() == 1
        ran.empty
    }

    def "an item's exception fails its future with the original exception; the batch map rethrows it"() {
        given:
        def boom = new ArithmeticException('item 2')
        def batch = ex.batch()
        def results = batch.map(fn { if (it == 2) { throw boom }; it }, 0..<4)
        batch.commit()

        when:
        batch.futures[2].get()

        then:
        def e = thrown(ExecutionException)
        e.cause.is(boom)
        batch.futures[2].state == JobState.FAILED
        batch.futures[3].get() == 3

        when:
        def got = []
        for (r in results) {
            got << r
        }

        then:
        def rethrown = thrown(ArithmeticException)
        rethrown.is(boom)
        got == [0, 1]
    }

    def "cancelling a committed batch future cancels the work behind it"() {
        given:
        def started = new CountDownLatch(1)
        def interrupted = new CountDownLatch(1)
        def batch = ex.batch { b ->
            b.submit(fn {
                started.countDown()
                try {
                    gate.await()
                } catch (InterruptedException e) {
                    interrupted.countDown()
                }
            }, 0)
        }
        def future = batch.futures[0]

        when:
        started.await()

        then:
        future.state == JobState.RUNNING

        when:
        future.cancel(true)

        then:
        interrupted.await(5, TimeUnit.SECONDS)
        future.state == JobState.CANCELLED

        when:
        future.get()

        then:
        thrown(CancellationException)
    }

    def "an empty batch commits without a job"() {
        expect:
        ex.batch {}.jobId == null
        recording.batches.empty
    }

    def "a user's node on a batch future is kept"() {
        given:
        def batch = ex.batch()
        def future = batch.submit(fn { it }, 'pCube1')
        future.node = 'pCube1'

        when:
        batch.commit()

        then:
        future.get() == 'pCube1'
        future.node == 'pCube1'
    }

    def "batch map refuses options that only make sense for a lazy map"() {
        when:
        ex.batch().map(chunk: 2, fn { it }, [1, 2])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith('chunk: not a batch map option')
    }

    def "committing after the executor closed fails the batch's futures instead of leaving them pending"() {
        given:
        def batch = ex.batch()
        def future = batch.submit(fn { it }, 1)
        ex.close()

        when:
        batch.commit()

        then:
        def e = thrown(IllegalStateException)
        e.message.contains('executor is closed')
        future.state == JobState.FAILED
    }

    def "many batches from many threads keep their items apart"() {
        given:
        def pool = Executors.newFixedThreadPool(8)

        when:
        def batches = (0..<20).collect { t ->
            pool.submit({
                ex.batch(name: "b$t".toString()) { b -> (0..<50).each { i -> b.submit(fn { [t, it] }, i) } }
            } as Callable<Batch>)
        }*.get()

        then:
        batches.withIndex().every { Batch b, int t ->
            b.futures*.get() == (0..<50).collect { [t, it] } && b.futures.every { it.jobId == b.jobId }
        }
        batches*.jobId.toSet().size() == 20
        recording.batchOptions*.name.toSet().size() == 20

        cleanup:
        pool.shutdown()
    }
}
