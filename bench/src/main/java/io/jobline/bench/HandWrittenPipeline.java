package io.jobline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The baseline for pipeline throughput: what a careful programmer writes with {@code java.util.concurrent} for
 * "feeder, stage 1 on one thread, stage 2 on two threads, collect". Each hand-off is an
 * {@code ArrayBlockingQueue(1024)} with a per-item {@code put}/{@code take}; the end of the input travels as a
 * poison pill, one per consumer. Fresh threads every run, as a pipeline run has.
 */
final class HandWrittenPipeline {

    static final int QUEUE_SIZE = 1024;
    private static final Object END = new Object();

    private final Function<Object, Object> first;
    private final Function<Object, Object> second;
    private final int secondThreads;

    HandWrittenPipeline(Function<Object, Object> first, Function<Object, Object> second, int secondThreads) {
        this.first = first;
        this.second = second;
        this.secondThreads = secondThreads;
    }

    /** Runs {@code input} through both stages and returns the outputs, in no particular order. */
    List<Object> run(List<?> input) throws Exception {
        List<Object> outputs = new ArrayList<>();
        run(input, outputs::add);
        return outputs;
    }

    /** Runs {@code input} through both stages, handing each output to {@code sink} on this thread as it comes. */
    void run(Iterable<?> input, Consumer<Object> sink) throws Exception {
        BlockingQueue<Object> toFirst = new ArrayBlockingQueue<>(QUEUE_SIZE);
        BlockingQueue<Object> toSecond = new ArrayBlockingQueue<>(QUEUE_SIZE);
        BlockingQueue<Object> results = new ArrayBlockingQueue<>(QUEUE_SIZE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        Thread collector = Thread.currentThread();
        // A failing thread interrupts the collector, which stops the rest: no hang on a broken stage.
        Loop.Failure onFailure = e -> {
            if (failure.compareAndSet(null, e)) {
                collector.interrupt();
            }
        };

        threads.add(start("feeder", onFailure, () -> {
            for (Object item : input) {
                toFirst.put(item);
            }
            toFirst.put(END);
        }));
        threads.add(start("first", onFailure, () -> {
            for (Object item = toFirst.take(); item != END; item = toFirst.take()) {
                toSecond.put(first.apply(item));
            }
            for (int i = 0; i < secondThreads; i++) {
                toSecond.put(END);
            }
        }));
        AtomicInteger running = new AtomicInteger(secondThreads);
        for (int t = 0; t < secondThreads; t++) {
            threads.add(start("second-" + t, onFailure, () -> {
                for (Object item = toSecond.take(); item != END; item = toSecond.take()) {
                    results.put(second.apply(item));
                }
                if (running.decrementAndGet() == 0) {
                    results.put(END);
                }
            }));
        }

        try {
            for (Object item = results.take(); item != END; item = results.take()) {
                sink.accept(item);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.interrupted();
            throw new IllegalStateException("hand-written pipeline failed", failure.get() != null ? failure.get() : e);
        }
    }

    private interface Loop {
        void run() throws Exception;

        interface Failure {
            void failed(Throwable e);
        }
    }

    private static Thread start(String name, Loop.Failure onFailure, Loop loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable e) {
                onFailure.failed(e);
            }
        }, "baseline-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
