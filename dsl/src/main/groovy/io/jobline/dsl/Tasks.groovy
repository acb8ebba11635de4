package io.jobline.dsl

import groovy.transform.CompileStatic
import io.jobline.backend.process.WorkerMain
import io.jobline.executor.JobExecutor
import io.jobline.function.Functions
import io.jobline.future.JobFuture
import io.jobline.live.LiveRegistry
import org.codehaus.groovy.runtime.MethodClosure

import java.util.concurrent.ConcurrentHashMap
import java.util.function.Function

/**
 * Runs {@link Task} methods: one shared {@link JobExecutor} per backend name and live scope (a script run by
 * {@code jobline run} has its own, which its end or Ctrl-C cancels), created on first use in
 * {@link LiveRegistry#current()}. {@link #shutdown()} closes the current scope's (waiting for their work; the next
 * task creates a fresh executor); at JVM exit every task executor's backend is closed without waiting, so a task that
 * never ends cannot hold the JVM up. Thread-safe.
 */
@CompileStatic
final class Tasks {

    /** Every task executor not known to be closed, for the exit hook; closed ones are swept at each creation. */
    private static final Map<JobExecutor, String> ALL = new ConcurrentHashMap<>()

    static {
        Runtime.runtime.addShutdownHook(new Thread({
            ALL.keySet().each { JobExecutor executor -> executor.backend.close() }
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
        if (backend == 'process' && WorkerMain.workerProcess) {
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
                // Closed or cancelled between our lookup and the submit: the next lookup makes a fresh one.
                LiveRegistry.current().removeLocal(key(backend), executor)
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

    /** @return the current scope's shared executor of {@code backend}, created on first use */
    static JobExecutor executor(String backend) {
        LiveRegistry.current().local(key(backend), { String key ->
            ALL.keySet().removeIf { JobExecutor old -> old.closed }
            JobExecutor created = JobExecutor.create([backend: backend])
            ALL.put(created, key)
            created
        } as Function<String, JobExecutor>)
    }

    /**
     * Closes the current scope's task executors, waiting for the tasks submitted so far; later tasks get new
     * executors.
     */
    static void shutdown() {
        LiveRegistry scope = LiveRegistry.current()
        ALL.each { JobExecutor executor, String key ->
            if (scope.removeLocal(key, executor)) {
                executor.close()
                ALL.remove(executor)
            }
        }
    }

    private static String key(String backend) {
        'task executor ' + backend
    }
}
