package io.jobline.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.jobline.farm.Farm;
import io.jobline.farm.FarmJob;
import io.jobline.farm.WorkItem;
import io.jobline.future.JobState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jobline farm submit --backend slurm --frames 1-100 --chunk 10 -- render.sh {start} {end}}: one command
 * job, waited for, with a progress line whenever it moves; exits with the job's exit code (the first failed item's,
 * 1 when it has none, 130 when interrupted). Ctrl-C cancels the job.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submits a command over frame ranges as one array job (one task per chunk) and waits for it. "
                + "{start} and {end} in the command become each chunk's first and last frame. One COMMAND word is "
                + "a shell command line as it is; several words are quoted one by one.")
final class FarmSubmitCommand implements Callable<Integer>, Main.Interruptible {

    @ParentCommand
    private FarmCommand farm;

    @Option(names = "--backend", defaultValue = "slurm", description = "The farm: slurm (default) or qube.")
    private String backend;

    @Option(names = "--frames", required = true, description = "Frames, e.g. 1-100 or 1-10,20,30-40.")
    private String frames;

    @Option(names = "--chunk", defaultValue = "1", description = "Frames per task (default 1).")
    private int chunk;

    @Option(names = "--name", defaultValue = "job", description = "The job's name.")
    private String name;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "A farm option: workDir, maxParallel, pollInterval, retries; Slurm's partition, account, "
                    + "time, mem, cpus, extra; Qube's cluster, groups, priority, cpus, reservations, requirements, "
                    + "retrywork, extra (numbers are taken as numbers).")
    private Map<String, String> options = new LinkedHashMap<>();

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command, after --.")
    private List<String> command = new ArrayList<>();

    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile FarmJob job;
    private volatile boolean interrupted;

    @Override
    public Integer call() {
        farm.main.begin(this);
        try (Farm f = Farm.create(backend, typed(options))) {
            Map<String, Object> jobOptions = new LinkedHashMap<>();
            jobOptions.put("name", name);
            jobOptions.put("frames", frames);
            jobOptions.put("chunk", chunk);
            job = f.job(jobOptions, commandLine());
            farm.main.err().println("jobline: " + backend + " job " + job.getJobId() + " '" + name + "': "
                    + job.getWorkItems().size() + " tasks, session " + f.getEngine().session());
            String last = "";
            while (!job.join(1)) {
                last = progress(last);
            }
            progress(last);
            return exitCode();
        } catch (IllegalArgumentException | IllegalStateException e) {
            farm.main.err().println("jobline farm submit: " + e.getMessage());
            return job == null ? Main.USAGE : Main.FAILED;
        } catch (InterruptedException e) {
            return Main.INTERRUPTED;
        } finally {
            farm.main.end(this);
            ended.complete(null);
        }
    }

    private String progress(String last) {
        Map<JobState, Integer> counts = new LinkedHashMap<>();
        for (WorkItem item : job.getWorkItems()) {
            counts.merge(item.getState(), 1, Integer::sum);
        }
        String line = "jobline: job " + job.getJobId() + ": " + counts.getOrDefault(JobState.DONE, 0) + "/"
                + job.getWorkItems().size() + " done, " + counts.getOrDefault(JobState.RUNNING, 0) + " running, "
                + counts.getOrDefault(JobState.FAILED, 0) + " failed";
        if (!line.equals(last)) {
            farm.main.err().println(line);
        }
        return line;
    }

    private int exitCode() {
        if (interrupted) {
            return Main.INTERRUPTED;
        }
        JobState state = job.getState();
        if (state == JobState.DONE) {
            return Main.OK;
        }
        int code = Main.FAILED;
        for (WorkItem item : job.getWorkItems()) {
            if (item.getState() == JobState.FAILED) {
                farm.main.err().println(item.getError());
                Integer exit = item.getExitCode();
                if (code == Main.FAILED && exit != null && exit > 0 && exit < 256) {
                    code = exit;
                }
            }
        }
        farm.main.err().println("jobline: job " + job.getJobId() + " " + state + ", failed frames: "
                + job.getFailedFrames());
        return state == JobState.CANCELLED ? Main.INTERRUPTED : code;
    }

    /** One word: a shell command line as given; several: each word quoted, so it reaches the program as typed. */
    private String commandLine() {
        if (command.size() == 1) {
            return command.get(0);
        }
        List<String> words = new ArrayList<>();
        for (String word : command) {
            words.add(word.matches("[A-Za-z0-9_./{}=:,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    /** @return {@code -o} options with whole and decimal numbers as numbers (shared with farm check) */
    static Map<String, Object> typed(Map<String, String> options) {
        Map<String, Object> typed = new LinkedHashMap<>();
        options.forEach((key, value) -> typed.put(key, value.matches("\\d+") ? (Object) Integer.valueOf(value)
                : value.matches("\\d+\\.\\d+") ? (Object) Double.valueOf(value) : value));
        return typed;
    }

    @Override
    public void interrupt() {
        interrupted = true;
        FarmJob running = job;
        if (running != null) {
            running.cancel();
        }
    }

    /** Waits for {@link #call()} to return: the job is final (cancelled by {@link #interrupt()}) by then. */
    @Override
    public boolean awaitEnd(long timeout, TimeUnit unit) {
        try {
            ended.get(timeout, unit);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return e instanceof ExecutionException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void abort() {
        interrupt();
    }
}
