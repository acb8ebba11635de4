package io.jobline.bench;

import io.jobline.backend.Backend;
import io.jobline.backend.Backends;
import io.jobline.backend.Work;
import io.jobline.farm.Farm;
import io.jobline.farm.FarmJob;
import io.jobline.future.JobFuture;
import io.jobline.future.JobState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Case 8: the Slurm backend on the real local cluster (farm/slurm-local), submit to last result, against a raw
 * {@code sbatch --array} of a shell command whose tasks each write a file (the "raw" side waits for the files,
 * looking every 20 ms): a command job of N chunks, and a batch of N trivial calls (one array job whose tasks each
 * start a JVM running TaskMain). Skipped, saying so, when no cluster is up.
 */
final class FarmCases {

    static final String NAME = "8. slurm";

    private FarmCases() {
    }

    /** @param tasks array tasks per round */
    static List<Row> run(Harness harness, int tasks, Path work) throws Exception {
        String raw = String.format("raw sbatch --array=0-%d of a shell command, until its %d files exist", tasks - 1,
                tasks);
        String command = String.format("command job, %d chunks (frames 1..%d, chunk 1), submit to join", tasks, tasks);
        String batch = String.format("batch of %d trivial calls (x + 1), submit to last result", tasks);
        if (!clusterUp()) {
            String why = "no Slurm cluster is up: start one with `sudo farm/slurm-local start`";
            return List.of(Row.skipped(NAME, raw, why), Row.skipped(NAME, command, why), Row.skipped(NAME, batch, why));
        }
        Files.createDirectories(work);
        Map<String, Object> options = Map.of("workDir", work.resolve("farm").toString(), "pollInterval", 1);
        try (Farm farm = Farm.create("slurm", options); Backend backend = Backends.create("slurm", options)) {
            Map<String, Summary> s = harness.atMost(1, 3).costPerItem("case 8, slurm", List.of(
                    new Variant(raw, () -> rawArray(work, tasks)),
                    new Variant(command, () -> commandJob(farm, work, tasks)),
                    new Variant(batch, () -> batch(backend, tasks))));
            return List.of(
                    Row.of(NAME, raw, s.get(raw)),
                    Row.compared(NAME, command, s.get(command), raw, s.get(raw), Target.atMost(1.1)),
                    Row.compared(NAME, batch, s.get(batch), raw, s.get(raw), Target.atMost(1.2))
                            .withNote("each call's task starts a JVM (TaskMain), the raw task a shell"));
        }
    }

    private static long rawArray(Path work, int tasks) throws Exception {
        Path dir = Files.createTempDirectory(work, "raw");
        Process sbatch = new ProcessBuilder("sbatch", "--parsable", "--array=0-" + (tasks - 1), "--output=/dev/null",
                "--job-name=bench-raw", "--wrap", "echo $SLURM_ARRAY_TASK_ID > " + dir + "/$SLURM_ARRAY_TASK_ID.done")
                .redirectErrorStream(true).start();
        String answer = new String(sbatch.getInputStream().readAllBytes());
        if (sbatch.waitFor() != 0) {
            throw new IllegalStateException("sbatch failed: " + answer);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (count(dir) < tasks) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("raw array job " + answer.strip() + " not done in 5 minutes");
            }
            Thread.sleep(20);
        }
        return tasks;
    }

    private static long commandJob(Farm farm, Path work, int tasks) throws Exception {
        Path dir = Files.createTempDirectory(work, "command");
        FarmJob job = farm.job(Map.of("name", "bench-command", "frames", "1-" + tasks),
                "echo {start} > " + dir + "/{start}.done");
        job.join();
        if (job.getState() != JobState.DONE || count(dir) != tasks) {
            throw new IllegalStateException("the command job ended " + job + " with " + count(dir) + " files");
        }
        return tasks;
    }

    private static long batch(Backend backend, int tasks) throws Exception {
        List<Work> works = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            works.add(Work.of(ProcessFunctions.INCREMENT, new Object[]{i}, null));
        }
        List<JobFuture<Object>> futures = backend.submitBatch(works, Map.of("name", "bench-batch"));
        long sum = 0;
        for (JobFuture<Object> future : futures) {
            sum += (Integer) future.get(5, TimeUnit.MINUTES);
        }
        if (sum != (long) tasks * (tasks + 1) / 2) {
            throw new IllegalStateException("the batch's results sum to " + sum);
        }
        return tasks;
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".done")).count();
        }
    }

    private static boolean clusterUp() {
        try {
            Process sinfo = new ProcessBuilder("sinfo", "--noheader", "--format=%T").redirectErrorStream(true).start();
            String out = new String(sinfo.getInputStream().readAllBytes());
            return sinfo.waitFor() == 0 && (out.contains("idle") || out.contains("mixed"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
