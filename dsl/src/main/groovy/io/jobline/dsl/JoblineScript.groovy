package io.jobline.dsl

import io.jobline.executor.JobExecutor
import io.jobline.function.Drop
import io.jobline.future.DoneAndNotDone
import io.jobline.future.WaitMode
import io.jobline.pipeline.Pipeline
import io.jobline.pool.WorkerPool

import java.util.concurrent.BlockingQueue
import java.util.concurrent.Future

/**
 * Base class of job scripts: every DSL word is a method or constant of this class, so a script needs no imports
 * even where only the base class is installed ({@code @groovy.transform.BaseScript}, or
 * {@code CompilerConfiguration.scriptBaseClass}). Each method forwards to {@link Jobline}, which documents it.
 */
abstract class JoblineScript extends Script {

    static final Drop DROP = Jobline.DROP
    static final WaitMode FIRST_COMPLETED = Jobline.FIRST_COMPLETED
    static final WaitMode FIRST_EXCEPTION = Jobline.FIRST_EXCEPTION
    static final WaitMode ALL_COMPLETED = Jobline.ALL_COMPLETED

    JoblineScript() {
    }

    JoblineScript(Binding binding) {
        super(binding)
    }

    Pipeline pipeline(@DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        Jobline.pipeline(body)
    }

    Pipeline pipeline(String name, @DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        Jobline.pipeline(name, body)
    }

    Pipeline pipeline(Map<String, ?> options,
                      @DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        Jobline.pipeline(options, body)
    }

    Pipeline pipeline(Map<String, ?> options, String name,
                      @DelegatesTo(value = PipelineSpec, strategy = Closure.OWNER_FIRST) Closure body) {
        Jobline.pipeline(options, name, body)
    }

    JobExecutor executor(Map<String, ?> options = [:]) {
        Jobline.executor(options)
    }

    <F extends Future<?>> Iterable<F> asCompleted(Collection<F> futures) {
        Jobline.asCompleted(futures)
    }

    <F extends Future<?>> Iterable<F> asCompleted(Map<String, ?> options, Collection<F> futures) {
        Jobline.asCompleted(options, futures)
    }

    <F extends Future<?>> Iterable<F> asCompleted(Collection<F> futures, Object timeout) {
        Jobline.asCompleted(futures, timeout)
    }

    <F extends Future<?>> DoneAndNotDone<F> wait(Collection<F> futures, WaitMode mode = ALL_COMPLETED,
                        Object timeout = null) {
        Jobline.wait(futures, mode, timeout)
    }

    <F extends Future<?>> DoneAndNotDone<F> waitAll(Collection<F> futures) {
        Jobline.waitAll(futures)
    }

    <F extends Future<?>> DoneAndNotDone<F> waitAny(Collection<F> futures) {
        Jobline.waitAny(futures)
    }

    <F extends Future<?>> Iterable<F> waitFor(List<F> inFlight) {
        Jobline.waitFor(inFlight)
    }

    <F extends Future<?>> Iterable<F> waitFor(Map<String, ?> options, List<F> inFlight) {
        Jobline.waitFor(options, inFlight)
    }

    WorkerPool pool(int workers, Closure body) {
        Jobline.pool(workers, body)
    }

    WorkerPool pool(Map<String, ?> options, int workers, Closure body) {
        Jobline.pool(options, workers, body)
    }

    WorkerPool pool(int workers, Map<String, ?> options, Closure body) {
        Jobline.pool(workers, options, body)
    }

    WorkerPool pool(Map<String, ?> options, Closure body) {
        Jobline.pool(options, body)
    }

    WorkerPool pool(Map<String, ?> options) {
        Jobline.pool(options)
    }

    WorkerPool pool(int workers) {
        Jobline.pool(workers)
    }

    List<Object> drain(BlockingQueue<?> queue) {
        Jobline.drain(queue)
    }
}
