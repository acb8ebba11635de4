package io.jobline.dsl

import groovy.transform.CompileStatic
import io.jobline.executor.Batch
import io.jobline.executor.JobExecutor
import io.jobline.pipeline.Run

import java.util.function.Consumer

/**
 * Groovy sugar on the engine's objects, installed as a Groovy extension module (so it works in any Groovy code, not
 * only in job scripts): {@code ex.batch(name: 'x') { submit(fn, 1); map(fn, 0..9) }} with the batch as the block's
 * delegate, {@code run << item}, {@code for (out in run)}.
 */
@CompileStatic
final class JoblineExtensions {

    /** The words a batch block understands, for error messages. */
    static final List<String> BATCH_WORDS = ['submit', 'map'].asImmutable()

    private JoblineExtensions() {
    }

    /**
     * Runs {@code body} with a new batch as its delegate (DELEGATE_FIRST: {@code submit} and {@code map} are the
     * batch's) and commits the batch when {@code body} returns normally: all its calls go to the backend as ONE job.
     * When {@code body} throws, nothing is submitted and the exception propagates.
     *
     * @return the committed batch; {@code batch.futures} has one future per call, in call order
     */
    static Batch batch(JobExecutor self, Map<String, ?> options,
                       @DelegatesTo(value = Batch, strategy = Closure.DELEGATE_FIRST) Closure body) {
        Closure block = (Closure) body.clone()
        block.resolveStrategy = Closure.DELEGATE_FIRST
        self.batch(options ?: [:], { Batch batch ->
            block.delegate = batch
            DslErrors.explain('batch { }', BATCH_WORDS, block, batch)
        } as Consumer<Batch>)
    }

    /** {@code ex.batch { … }}: a batch with the executor's default options. */
    static Batch batch(JobExecutor self, @DelegatesTo(value = Batch, strategy = Closure.DELEGATE_FIRST) Closure body) {
        batch(self, [:], body)
    }

    /** {@code run << item}: puts an item into a run started without input (blocks while the first queue is full). */
    static Run leftShift(Run self, Object item) {
        self.put(item)
        self
    }

    /** {@code for (out in run)}, {@code run.each { }}: the run's results as they come (see {@link Run#getResults()}). */
    static Iterator<Object> iterator(Run self) {
        self.results
    }
}
