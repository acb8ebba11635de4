package io.jobline.shell;

import java.util.Map;
import java.util.concurrent.Callable;

import io.jobline.farm.Farm;
import io.jobline.farm.FarmJob;
import io.jobline.farm.WorkItem;
import io.jobline.future.JobState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jobline farm check --backend slurm}: a first contact with a farm: submits a tiny command job of 3 tasks
 * and prints what happened to each (node, exit code, output) and the scheduler calls it took.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Submits a tiny 3-task command job to the farm and prints what each task did.")
final class FarmCheckCommand implements Callable<Integer> {

    @ParentCommand
    private FarmCommand farm;

    @Option(names = "--backend", defaultValue = "slurm", description = "The farm (default: slurm).")
    private String backend;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "A farm option (as for submit).")
    private Map<String, String> options = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        try (Farm f = Farm.create(backend, new java.util.LinkedHashMap<>(options))) {
            FarmJob job = f.job(Map.of("name", "jobline-check", "frames", "1-3"),
                    "echo \"task {start} on $(hostname) at depth $JOBLINE_DEPTH\"");
            farm.main.out().println(backend + " took job " + job.getJobId() + "; waiting (at most 5 minutes)");
            if (!job.join(300)) {
                farm.main.out().println("not done after 5 minutes: " + job + "; cancelling");
                job.cancel();
                return Main.FAILED;
            }
            for (WorkItem item : job.getWorkItems()) {
                farm.main.out().println("  " + item.getJobId() + ": " + item.getState() + " on " + item.getNode()
                        + ", exit code " + item.getExitCode() + ", output: " + String.join(" | ", item.log(3)));
            }
            farm.main.out().println("scheduler calls: " + f.getEngine().schedulerCalls());
            return job.getState() == JobState.DONE ? Main.OK : Main.FAILED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            farm.main.err().println("jobline farm check: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
