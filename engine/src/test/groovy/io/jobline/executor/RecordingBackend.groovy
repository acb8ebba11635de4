package io.jobline.executor

import io.jobline.backend.Backend
import io.jobline.backend.Work
import io.jobline.backend.thread.ThreadBackend
import io.jobline.future.JobFuture

import java.util.concurrent.CopyOnWriteArrayList

/** A thread backend that records what front ends hand it. */
class RecordingBackend implements Backend {

    @Delegate(interfaces = false, includes = ['parallelism'])
    final ThreadBackend threads

    final List<Work> submitted = new CopyOnWriteArrayList<>()
    final List<List<Work>> batches = new CopyOnWriteArrayList<>()
    final List<Map<String, Object>> batchOptions = new CopyOnWriteArrayList<>()
    volatile boolean closed

    RecordingBackend(int workers = 2) {
        threads = new ThreadBackend(workers, false)
    }

    @Override
    String name() { 'recording' }

    @Override
    JobFuture<Object> submit(Work work) {
        submitted << work
        threads.submit(work)
    }

    @Override
    List<JobFuture<Object>> submitBatch(List<Work> works, Map<String, Object> options) {
        batches << works
        batchOptions << options
        threads.submitBatch(works, options)
    }

    @Override
    void close() {
        closed = true
        threads.close()
    }
}
