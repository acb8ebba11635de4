package io.jobline.backend

import spock.lang.Specification
import spock.lang.Timeout

import java.time.Duration
import java.util.concurrent.CancellationException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

@Timeout(60)
class BackendScopeSpec extends Specification {

    static Work blocking(CountDownLatch latch) {
        Work.of({ latch.await(); 'done' } as java.util.concurrent.Callable, null, null)
    }

    def "leases of one spec share one backend, counted; released, it lingers idle and is handed out again"() {
        given:
        def scope = new BackendScope(Duration.ofHours(1), 2)
        def spec = BackendSpec.of('thread', [workers: 1])

        when:
        def a = scope.acquire(spec)
        def b = scope.acquire(BackendSpec.of('thread', [workers: 1]))
        def nodeA = a.submit(Work.of({ Thread.currentThread().name } as java.util.concurrent.Callable, null, null)).get()
        def nodeB = b.submit(Work.of({ Thread.currentThread().name } as java.util.concurrent.Callable, null, null)).get()

        then:
        nodeA == nodeB
        scope.users() == [(spec): 2]

        when:
        a.close()
        b.close()
        a.close()

        then: 'closing a lease twice releases once'
        scope.users() == [(spec): 0]

        when:
        def c = scope.acquire(spec)

        then:
        c.submit(Work.of({ Thread.currentThread().name } as java.util.concurrent.Callable, null, null)).get() == nodeA
        scope.users() == [(spec): 1]

        cleanup:
        scope.close()
    }

    def "an idle backend is closed after its linger, on the scope's thread; beyond maxIdle the one idle longest goes at once"() {
        given:
        def lingerNone = new BackendScope(Duration.ZERO, 2)
        def lease = lingerNone.acquire(BackendSpec.of('thread', [workers: 1]))

        when:
        lease.close()
        lingerNone.closeIdle()

        then:
        lingerNone.users().isEmpty()
        lease.toString().contains('closed')

        when:
        def scope = new BackendScope(Duration.ofHours(1), 1)
        def one = scope.acquire(BackendSpec.of('thread', [workers: 1]))
        def two = scope.acquire(BackendSpec.of('thread', [workers: 2]))
        one.close()
        two.close()

        then:
        scope.users() == [(BackendSpec.of('thread', [workers: 2])): 0]

        cleanup:
        lingerNone.close()
        scope?.close()
    }

    def "closing a lease cancels its own calls, not another lease's, and the lease then refuses work"() {
        given:
        def scope = new BackendScope(Duration.ofHours(1), 2)
        def spec = BackendSpec.of('thread', [workers: 2])
        def mine = scope.acquire(spec)
        def theirs = scope.acquire(spec)
        def latch = new CountDownLatch(1)
        def myCall = mine.submit(blocking(latch))
        def theirCall = theirs.submit(blocking(latch))

        when:
        mine.close()

        then:
        myCall.cancelled
        !theirCall.done

        when:
        mine.submit(blocking(latch))

        then:
        def refused = thrown(IllegalStateException)
        refused.message == 'this lease of the thread backend is closed; it accepts no more work'

        when:
        latch.countDown()

        then:
        theirCall.get(30, TimeUnit.SECONDS) == 'done'

        cleanup:
        scope.close()
    }

    def "a closed scope hands out nothing"() {
        given:
        def scope = new BackendScope(Duration.ofHours(1), 2)
        scope.close()

        when:
        scope.acquire(BackendSpec.of('thread', [:]))

        then:
        thrown(IllegalStateException)
    }

    def "Backends.current() is 'thread' in the JVM that submits"() {
        expect:
        Backends.current() == 'thread'
    }
}
