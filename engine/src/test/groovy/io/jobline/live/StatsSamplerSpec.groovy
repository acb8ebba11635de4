package io.jobline.live

import spock.lang.Specification
import spock.lang.Timeout

import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

@Timeout(120)
class StatsSamplerSpec extends Specification {

    /**
     * A thing whose every snapshot is 0.1 s after the last; it puts out {@code slow} items per snapshot for its first
     * ten snapshots, then {@code fast} items per snapshot.
     */
    static class Scripted implements LiveThing {
        final AtomicInteger taken = new AtomicInteger()
        volatile LiveState state = LiveState.RUNNING
        final int slow
        final int fast

        Scripted(int slow, int fast) {
            this.slow = slow
            this.fast = fast
        }

        String kind() { 'test' }

        String name() { 'scripted' }

        LiveState state() { state }

        boolean cancel() { state = LiveState.CANCELLED; true }

        synchronized LiveSnapshot snapshot() {
            int n = taken.getAndIncrement()
            long out = n <= 10 ? n * slow : 10 * slow + (n - 10) * fast
            new LiveSnapshot(n * 100_000_000L, out, out, 0, 0,
                    [new PartSnapshot('only', 1, 0, 1, out, 2 * out, 0, 0)], null)
        }
    }

    LiveRegistry scope = LiveRegistry.global().openScope('script', 'sampled')

    def cleanup() {
        scope.close()
    }

    def "rates come from the difference between samples: they follow the current speed, not the average"() {
        given: 'a sampler that would only take its first round by itself, and keeps 5 samples'
        def sampler = new StatsSampler(Duration.ofHours(1), 5)
        def thing = new Scripted(10, 100)
        LiveHandle entry = scope.register(thing, null)
        def subscription = sampler.subscribe(scope, null)

        when: 'the first ten snapshots at 100 items/s'
        while (thing.taken.get() < 10) {
            sampler.sampleNow()
        }

        then:
        sampler.samples(entry).size() == 5
        sampler.rate(entry) == 100d

        when: 'then 1000 items/s: once the ring has only fast samples, the rate is the fast one'
        6.times { sampler.sampleNow() }

        then:
        sampler.samples(entry).size() == 5
        sampler.rate(entry) == 1000d
        sampler.rate(entry, 'only') == 2000d
        sampler.rate(entry, 'no such part') == 0d
        sampler.latest(entry).is(sampler.samples(entry)[-1])
        LiveSnapshot.rate(sampler.samples(entry)[0], sampler.samples(entry)[-1], { it.in() }) == 1000d

        when: 'the thing ends: its ring goes with it'
        thing.state = LiveState.DONE
        entry.end()
        sampler.sampleNow()

        then:
        sampler.samples(entry).isEmpty()
        sampler.rate(entry) == 0d

        cleanup:
        subscription?.close()
    }

    def "nobody subscribed: no samples are taken"() {
        given:
        def sampler = new StatsSampler(Duration.ofMillis(10), 5)
        def thing = new Scripted(1, 1)
        LiveHandle entry = scope.register(thing, null)

        when:
        sampler.sampleNow()

        then:
        thing.taken.get() == 0
        sampler.samples(entry).isEmpty()
        !sampler.isSampling()

        when: 'a subscription ends: sampling stops and the samples are forgotten'
        def rounds = new LinkedBlockingQueue()
        def subscription = sampler.subscribe(scope, { rounds.add(1) })
        assert rounds.poll(30, TimeUnit.SECONDS) != null
        subscription.close()
        sampler.sampleNow()

        then:
        !sampler.isSampling()
        sampler.samples(entry).isEmpty()

        cleanup:
        entry.end()
    }

    def "the sampler rests while nothing is live in its scopes and wakes when something starts"() {
        given:
        def sampler = new StatsSampler(Duration.ofMillis(10), 5)
        def sawLive = new CountDownLatch(3)
        def sawNothing = new CountDownLatch(1)
        boolean ended = false
        def subscription = sampler.subscribe(scope, {
            if (!sampler.foundNothing) {
                sawLive.countDown()
            } else if (ended) {
                sawNothing.countDown()
            }
        })

        when: 'something starts: rounds follow each other'
        def thing = new Scripted(1, 1)
        LiveHandle entry = scope.register(thing, null)

        then:
        sawLive.await(30, TimeUnit.SECONDS)
        sampler.samples(entry).size() >= 3

        when: 'it ends: the round that sees nothing live schedules no other'
        thing.state = LiveState.DONE
        ended = true // before end(): the first round that finds nothing live counts
        entry.end()

        then:
        sawNothing.await(30, TimeUnit.SECONDS)
        sampler.sampleNow() == null // waits for a round under way; takes one that finds nothing live
        !sampler.isSampling()

        cleanup:
        subscription.close()
    }
}
