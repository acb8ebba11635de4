package io.jobline.pipeline.remote;

import io.jobline.function.JobFunction;

/** A function that carries something no process can receive: a Thread. */
public final class HoldsThread implements JobFunction {
    private final Thread thread = Thread.currentThread();

    @Override
    public Object call(Object... args) {
        return thread.getName();
    }
}
