package example;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import io.jobline.executor.Batch;
import io.jobline.executor.JobExecutor;
import io.jobline.future.JobFuture;
import io.jobline.pipeline.Pipeline;
import io.jobline.pipeline.Run;
import io.jobline.pool.Boxes;
import io.jobline.pool.WorkerPool;

/** Jobline from plain Java: no Groovy on the class path. Prints one line per part; exits 1 if a result is wrong. */
public final class App {

    /** A function a worker process can run: a class of the application, sent by name with its fields. */
    static final class Square implements Function<Integer, Integer>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer apply(Integer x) {
            return x * x;
        }
    }

    public static void main(String[] args) throws Exception {
        Function<Integer, Integer> add1 = x -> x + 1;
        Function<Integer, Integer> multi2 = x -> x * 2;
        Pipeline p = Pipeline.builder("java")
                .stage(add1, Map.of("name", "add1"))
                .stage(multi2, Map.of("name", "multi2", "threads", 2))
                .build();
        check("pipeline", p.run(Map.of("keepOrder", true), List.of(0, 1, 2)), List.of(2, 4, 6));

        Run run = p.start(Map.of("keepOrder", true));
        run.put(10);
        run.put(20);
        run.close();
        List<Object> live = new ArrayList<>();
        run.getResults().forEachRemaining(live::add);
        check("live run", live, List.of(22, 42));

        try (JobExecutor ex = JobExecutor.create(Map.of("workers", 2))) {
            JobFuture<Object> f = ex.submit(add1, 41);
            Batch batch = ex.batch(b -> {
                b.submit(multi2, 1);
                b.submit(multi2, 2);
            });
            List<Object> batched = new ArrayList<>();
            for (JobFuture<Object> future : batch.getFutures()) {
                batched.add(future.get());
            }
            check("executor", List.of(f.get()), List.of(42));
            check("batch", batched, List.of(2, 4));
        }

        try (WorkerPool pool = WorkerPool.create(2, Map.of())) {
            pool.put(multi2, List.of(21));
            pool.stop(true);
            check("pool", Boxes.drain(pool.getOutbox()), List.of(42));
        }

        try (JobExecutor ex = JobExecutor.create(Map.of("backend", "process", "workers", 1))) {
            JobFuture<Object> pid = ex.submit((Callable<Long> & Serializable) () -> ProcessHandle.current().pid());
            Object square = ex.submit(new Square(), 12).get();
            check("process backend", List.of(square, !pid.get().equals(ProcessHandle.current().pid())), List.of(144, true));
        }
    }

    private static void check(String what, List<?> actual, List<?> expected) {
        if (!actual.equals(expected)) {
            System.out.println(what + ": expected " + expected + ", got " + actual);
            System.exit(1);
        }
        System.out.println(what + ": " + actual);
    }
}
