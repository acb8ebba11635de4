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
 * {@code jobline farm check --backend slurm|qube}: a first contact with a farm: submits a tiny command job of one
 * work item and one of 3, prints what happened to each item (node, exit code, output), the scheduler calls it took,
 * and the last answer of each of the farm's tools (submit, status …) as it printed it, so a first contact with a
 * real farm records what its tools really say (Qube's XML, for the assumptions in docs/qube.md).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Submits a tiny job and a 3-item job to the farm, prints what each item did and what the "
                + "farm's tools answered.")
final class FarmCheckCommand implements Callable<Integer> {

    @ParentCommand
    private FarmCommand farm;

    @Option(names = "--backend", defaultValue = "slurm", description = "The farm: slurm (default) or qube.")
    private String backend;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "A farm option (as for submit).")
    private Map<String, String> options = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        try (Farm f = Farm.create(backend, FarmSubmitCommand.typed(options))) {
            boolean ok = true;
            for (String frames : new String[]{"1", "1-3"}) {
                FarmJob job = f.job(Map.of("name", "jobline-check", "frames", frames),
                        "echo \"item {start} on $(hostname) at depth $JOBLINE_DEPTH\"");
                farm.main.out().println(backend + " took job " + job.getJobId() + " (" + job.getWorkItems().size()
                        + (job.getWorkItems().size() == 1 ? " item" : " items") + "); waiting (at most 5 minutes)");
                if (!job.join(300)) {
                    farm.main.out().println("not done after 5 minutes: " + job + "; cancelling");
                    job.cancel();
                    return Main.FAILED;
                }
                for (WorkItem item : job.getWorkItems()) {
                    farm.main.out().println("  " + item.getJobId() + ": " + item.getState() + " on " + item.getNode()
                            + ", exit code " + item.getExitCode() + ", output: " + String.join(" | ", item.log(3)));
                }
                ok &= job.getState() == JobState.DONE;
            }
            farm.main.out().println("scheduler calls: " + f.getEngine().schedulerCalls());
            f.getEngine().lastAnswers().forEach((kind, answer) -> farm.main.out().println("last " + kind
                    + " answer:\n" + answer.indent(2).stripTrailing()));
            return ok ? Main.OK : Main.FAILED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            farm.main.err().println("jobline farm check: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
