package io.jobline.bench;

import java.util.List;

/** Case 3: the executor against a raw ThreadPoolExecutor of the same size. */
final class ExecutorCases {

    static final String NAME = "3. executor";

    private ExecutorCases() {
    }

    static List<Row> run(Harness harness, int tasks, int items) {
        return List.of(Row.skipped(NAME, "submit + get", "io.jobline.executor.JobExecutor is not built yet"));
    }
}
