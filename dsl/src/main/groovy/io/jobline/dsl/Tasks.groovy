package io.jobline.dsl

import groovy.transform.CompileStatic
import io.jobline.backend.Backends
import io.jobline.executor.JobExecutor
import io.jobline.function.Functions
import io.jobline.future.JobFuture
import org.codehaus.groovy.runtime.MethodClosure

import java.util.concurrent.ConcurrentHashMap

/**
 * Runs {@link Task} methods: one shared {@link JobExecutor} per backend name, created on first use. {@link #shutdown()}
 * closes them (waiting for their work; the next task creates a fresh executor); at JVM exit their backends are closed
 * without waiting, so a task that never ends cannot hold the JVM up. Thread-safe.
 */
@CompileStatic
final class Tasks {

    private static final Map<String, JobExecutor> EXECUTORS = new ConcurrentHashMap<>()

    static {
        Runtime.runtime.addShutdownHook(new Thread({
            EXECUTORS.values().each { JobExecutor executor -> executor.backend.close() }
        } as Runnable, 'jobline-task-exit'))
    }

    private Tasks() {
    }

    /**
     * Called by the code {@code @Task} generates: submits {@code receiver.method(args)} to the backend's executor.
     *
     * @return a future of the call, at once
     * @throws IllegalArgumentException if there is no backend by that name
     */
    static JobFuture<Object> submit(String backend, String task, Object receiver, String method, Object[] args) {
        MethodClosure call = new MethodClosure(receiver, method)
        if (backend == 'process' && Backends.current() == 'process') {
            return inline(call, args)
        }
        while (true) {
            JobExecutor executor = executor(backend)
            try {
                return executor.submit([name: task], call, args)
            } catch (IllegalStateException e) {
                if (!executor.closed) {
                    throw e
                }
                // shutdown() closed it between our lookup and the submit: the next lookup makes a fresh one.
                EXECUTORS.remove(backend, executor)
            }
        }
    }

    /**
     * A process task called by code that already runs in a worker process runs right there, at once: starting
     * worker processes of the worker's own would only nest JVMs. The future is final when this returns.
     */
    private static JobFuture<Object> inline(MethodClosure call, Object[] args) {
        JobFuture<Object> future = new JobFuture<>()
        try {
            future.complete(Functions.of(call).call(args)) // Closure.call(Object) would take the array as one argument
        } catch (Throwable e) {
            future.completeExceptionally(e)
        }
        future
    }

    /** @return the shared executor of {@code backend}, created on first use */
    static JobExecutor executor(String backend) {
        EXECUTORS.computeIfAbsent(backend) { String name -> JobExecutor.create([backend: name]) }
    }

    /** Closes every task executor, waiting for the tasks submitted so far; later tasks get new executors. */
    static void shutdown() {
        for (String backend : new ArrayList<>(EXECUTORS.keySet())) {
            EXECUTORS.remove(backend)?.close()
        }
    }
}
