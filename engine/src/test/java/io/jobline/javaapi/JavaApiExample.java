package io.jobline.javaapi;

import io.jobline.executor.JobExecutor;
import io.jobline.future.JobFuture;
import io.jobline.pipeline.Pipeline;
import io.jobline.pipeline.Run;
import io.jobline.pipeline.RunState;
import io.jobline.pool.Boxes;
import io.jobline.pool.WorkerPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The README's "From Java" usage, compiled by javac: the engine's API needs no Groovy. */
public final class JavaApiExample {

    private JavaApiExample() {
    }

    /** A pipeline declared and run from Java: add1, then multi2 on two threads, in order. */
    public static List<Object> pipeline() {
        Function<Integer, Integer> add1 = x -> x + 1;
        Function<Integer, Integer> multi2 = x -> x * 2;
        Pipeline p = Pipeline.builder("java")
                .stage(add1, Map.of("name", "add1"))
                .stage(multi2, Map.of("name", "multi2", "threads", 2))
                .build();
        return p.run(Map.of("keepOrder", true), IntStream.range(0, 3).boxed().collect(Collectors.toList()));
    }

    /** A live run fed by hand, with an emit-form stage. */
    public static List<Object> liveRun() throws InterruptedException {
        BiConsumer<Integer, io.jobline.function.Emitter> twice = (x, emit) -> {
            emit.emit(x);
            emit.emit(x);
        };
        Run run = Pipeline.builder().stage(twice).build().start(Map.of("keepOrder", true));
        for (int i = 0; i < 3; i++) {
            run.put(i);
        }
        run.close();
        List<Object> out = new ArrayList<>();
        run.getResults().forEachRemaining(out::add);
        if (run.join() != RunState.DONE) {
            throw new IllegalStateException("run ended " + run.getState());
        }
        return out;
    }

    /** An executor and a worker pool from Java. */
    public static List<Object> executorAndPool() throws Exception {
        List<Object> out = new ArrayList<>();
        try (JobExecutor ex = JobExecutor.create(Map.of("workers", 2))) {
            JobFuture<Object> f = ex.submit((Function<Integer, Integer>) x -> x + 1, 41);
            out.add(f.getResult());
        }
        try (WorkerPool pool = WorkerPool.create(2, Map.of())) {
            pool.put((Function<Integer, Integer>) x -> x * 10, List.of(7));
            pool.stop(true);
            out.addAll(Boxes.drain(pool.getOutbox()));
        }
        return out;
    }
}
