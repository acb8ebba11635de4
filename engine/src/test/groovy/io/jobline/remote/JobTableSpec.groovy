package io.jobline.remote

import io.jobline.future.JobFuture
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

@Timeout(60)
class JobTableSpec extends Specification {

    @TempDir
    Path work

    JobTable<JobFuture<Object>> table = new JobTable<>('test', null)

    def "jobs get ids of their own, a batch one id and work ids in order; futures are found by id until final"() {
        given:
        def single = new JobFuture<Object>()
        def batch = (1..3).collect { new JobFuture<Object>() }

        when:
        table.submit(table.newJobId(), single)
        table.submitBatch(table.newJobId(), batch)

        then:
        single.jobId == '1'
        batch*.jobId == ['2', '2', '2']
        batch*.workId == ['0', '1', '2']
        table.get('1', null).is(single)
        table.get('2', '1').is(batch[1])
        table.job('2') == batch
        table.snapshot() == [single, *batch]
        table.liveJobs() == ['1', '2']
        table.size() == 4

        when:
        batch[1].complete(7)
        single.cancel(true)

        then: 'final futures leave the table; a job leaves with its last one'
        table.get('2', '1') == null
        table.liveJobs() == ['2']
        table.size() == 2
    }

    def "drain refuses new work, cancels what has not started when asked, and returns once the running ones are final"() {
        given:
        def running = (1..50).collect { new JobFuture<Object>() }
        def pending = (1..50).collect { new JobFuture<Object>() }
        table.submitBatch(table.newJobId(), running)
        table.submitBatch(table.newJobId(), pending)
        running*.markRunning()
        def drained = new CountDownLatch(1)
        def drainer = Thread.start { table.drain(true); drained.countDown() }

        when: 'the pending ones are cancelled by the drain; running ones complete from many threads'
        def pool = Executors.newFixedThreadPool(4)
        running.each { f -> pool.submit { f.complete(f.workId) } }

        then:
        drained.await(30, TimeUnit.SECONDS)
        pending.every { it.cancelled }
        running*.get() == (0..49)*.toString()
        table.size() == 0

        when:
        table.submit(table.newJobId(), new JobFuture<Object>())

        then:
        def refused = thrown(IllegalStateException)
        refused.message == 'the test backend is closed; it accepts no more work'

        cleanup:
        pool?.shutdownNow()
        drainer?.join()
    }

    def "many threads submitting and completing at once: every future is counted in and out"() {
        given:
        def pool = Executors.newFixedThreadPool(8)
        def all = Collections.synchronizedList([])

        when:
        (1..2000).collect { i ->
            pool.submit {
                def f = new JobFuture<Object>()
                all << f
                table.submit(table.newJobId(), f)
                f.complete(i)
            }
        }*.get()
        table.drain(false)

        then:
        table.size() == 0
        all*.jobId.toSet().size() == 2000

        cleanup:
        pool.shutdownNow()
    }

    def "the ledger keeps the ids of jobs submitted and not yet ended, for cleaning up after a killed JVM"() {
        given:
        def file = work.resolve('farm').resolve('ledger')
        def ledgered = new JobTable<JobFuture<Object>>('farm', new Ledger(file))
        def a = new JobFuture<Object>()
        def b = [new JobFuture<Object>(), new JobFuture<Object>()]
        def c = new JobFuture<Object>()

        when:
        ledgered.submit('101', a)
        ledgered.submitBatch('102', b)
        ledgered.submit('103', c)
        a.complete(1)
        b[0].complete(1)

        then:
        Ledger.unfinished(file) == ['102', '103'] as LinkedHashSet
        java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)) == 'rw-------'

        when:
        b[1].completeExceptionally(new IOException('lost'))
        c.cancel(false)

        then:
        Ledger.unfinished(file).isEmpty()
        Ledger.unfinished(work.resolve('none')).isEmpty()
    }
}
