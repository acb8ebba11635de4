package io.jobline.pool

import io.jobline.backend.BackendScope
import io.jobline.pipeline.remote.RemoteStages
import spock.lang.Specification
import spock.lang.Timeout
import spock.util.concurrent.PollingConditions

import java.util.concurrent.ArrayBlockingQueue
import java.util.concurrent.TimeUnit

/** A worker pool whose calls run in worker JVMs: same boxes, same errors, no process left after exile. */
@Timeout(120)
class ProcessPoolSpec extends Specification {

    def cleanup() {
        BackendScope.shared().closeIdle()
        ProcessHandle.current().descendants().each { ProcessHandle p ->
            assert p.onExit().get(20, TimeUnit.SECONDS) != null
        }
    }

    def "calls go to worker JVMs; results land in the outbox, failures in the errbox with their item"() {
        given:
        def pool = WorkerPool.create(3, [backend: 'process', workers: 2, name: 'remote'])
        def square = new RemoteStages.Square()
        def failOdd = new RemoteStages.FailOdd()

        when:
        (0..<30).each { pool.put(square, [it]) }
        (0..<4).each { pool.put(failOdd, [it]) }
        pool.put(new RemoteStages.Pid(), [])
        pool.exile(true)
        def out = Boxes.drain(pool.outbox)
        def errors = Boxes.drain(pool.errbox)

        then:
        out.size() == 30 + 2 + 1
        out.containsAll((0..<30).collect { it * it })
        out.any { it instanceof Long && it != ProcessHandle.current().pid() }
        errors.size() == 2
        errors.every { PoolError e -> e.exception instanceof IllegalStateException && e.exception.cause instanceof IOException }
        errors*.item.collect { it[1][0] }.sort() == [1, 3]
    }

    def "a cancelled pool whose worker waits on a full outbox ends, and its worker JVM with it"() {
        given: 'an outbox with room for one result, and nobody taking from it'
        def pool = WorkerPool.create(1, [backend: 'process', workers: 1, outbox: new ArrayBlockingQueue(1)])
        pool.put(new RemoteStages.Pid(), [])
        long pid = pool.outbox.poll(PoolTesting.WAIT_SECONDS, TimeUnit.SECONDS) as long
        2.times { pool.put(new RemoteStages.Square(), [it]) }
        new PollingConditions(timeout: PoolTesting.WAIT_SECONDS).eventually {
            assert pool.outbox.remainingCapacity() == 0 && pool.inbox.isEmpty() && pool.busyCount() == 1
        }

        when:
        pool.cancel()
        PoolTesting.within { pool.exile(true) }

        then:
        pool.over
        pool.dropped == 1
        !ProcessHandle.of(pid).map { it.onExit().get(PoolTesting.WAIT_SECONDS, TimeUnit.SECONDS).alive }.orElse(false)

        cleanup:
        pool?.cancel()
    }

    def "an unknown option names the backend's options among the valid ones"() {
        when:
        WorkerPool.create(1, [backend: 'process', jvmArg: '-Xmx1g'])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains("unknown pool option 'jvmArg'")
        e.message.contains('jvmArgs')
    }
}
