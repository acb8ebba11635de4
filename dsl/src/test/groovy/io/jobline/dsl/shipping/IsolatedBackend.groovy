package io.jobline.dsl.shipping

import io.jobline.backend.Backend
import io.jobline.backend.BackendProvider
import io.jobline.backend.Work
import io.jobline.future.JobFuture
import io.jobline.shipping.Shipping

import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * Backend {@code isolated}, for specs: runs each work in the one {@link IsolatedWorker} of the test JVM, on a small
 * thread pool, shipping the function and arguments exactly as given (the work's target) and the result back. What a
 * process backend does, minus the process.
 */
class IsolatedBackend implements Backend {

    @Lazy
    static IsolatedWorker WORKER = new IsolatedWorker()

    private final ExecutorService threads = Executors.newFixedThreadPool(2)

    @Override
    String name() {
        'isolated'
    }

    @Override
    JobFuture<Object> submit(Work work) {
        JobFuture<Object> future = new JobFuture<>(work.name)
        threads.execute {
            future.markRunning()
            try {
                future.complete(WORKER.call(work.target, work.args))
            } catch (Throwable e) {
                future.completeExceptionally(e)
            }
        }
        future
    }

    @Override
    List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> batchOptions) {
        works.collect { submit(it) }
    }

    @Override
    void check(Object function, String what) {
        Shipping.packFunction(function, what)
    }

    @Override
    void close() {
        threads.shutdownNow()
    }

    static class Provider implements BackendProvider {
        @Override
        String name() {
            'isolated'
        }

        @Override
        Set<String> optionNames() {
            ['workers'] as Set
        }

        @Override
        Backend create(Map<String, Object> options) {
            new IsolatedBackend()
        }
    }
}
