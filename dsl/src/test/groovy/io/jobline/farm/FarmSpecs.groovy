package io.jobline.farm

import io.jobline.future.JobState

import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** What the farm specs (Slurm, Qube) wait for, each with a generous deadline: conditions, never sleeps alone. */
class FarmSpecs {

    /** A job script whose call throws a script-defined exception with a cause; {@code EXECUTOR} is replaced. */
    static final String THROWING_SCRIPT = '''
            class RenderError extends RuntimeException {
                RenderError(String m, Throwable cause) { super(m, cause) }
            }
            def render(frame) { throw new RenderError("frame $frame is black", new IOException('disk full')) }
            def ex = EXECUTOR
            try {
                ex.submit({ render(it) }, 7).get(120)
            } finally {
                ex.close()
            }
        '''

    /** Checks what {@link #THROWING_SCRIPT} threw: the script's class, its message, cause and remote frames. */
    static boolean thrownAsItself(Throwable e) {
        assert e.cause.getClass().name == 'RenderError'
        assert e.cause.message == 'frame 7 is black'
        assert e.cause.cause instanceof IOException && e.cause.cause.message == 'disk full'
        assert e.cause.stackTrace.any { it.fileName == 'job.groovy' && it.methodName == 'render' }
        true
    }

    /** Waits (at most 60 s) until every item of {@code job} has been seen running. */
    static void awaitRunning(FarmJob job) {
        def started = new CountDownLatch(job.workItems.size())
        job.workItems.each { it.task().onRunning { started.countDown() } }
        job.workItems.findAll { it.state != JobState.PENDING }.each { started.countDown() }
        assert started.await(60, TimeUnit.SECONDS): "not running within 60 s: $job"
    }

    /** Waits (at most 60 s) until {@code engine} has polled {@code count} more times. */
    static void awaitPolls(FarmEngine engine, int count) {
        long target = engine.polls() + count
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (engine.polls() < target) {
            assert System.nanoTime() < deadline: "fewer than $count polls in 60 s"
            Thread.sleep(50)
        }
    }

    /** Waits (at most 60 s) until {@code condition} holds. */
    static boolean eventually(Closure<Boolean> condition) {
        long deadline = System.nanoTime() + 60_000_000_000L
        while (!condition()) {
            assert System.nanoTime() < deadline: 'condition not met within 60 s'
            Thread.sleep(100)
        }
        true
    }
}
