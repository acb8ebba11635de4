package io.jobline.farm;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one farm (Slurm, Qube …) fills in for the {@link FarmEngine}: the few commands a scheduler has and how to
 * read their answers, as Nextflow's grid executors do. Everything else — the job script, the ledger, polling,
 * completion, cancel, retries and failure reports — is the engine's, so an adapter stays small and holds no state.
 *
 * <p>The engine always submits array jobs of {@code size} tasks indexed {@code 0 … size-1}; an adapter whose
 * scheduler names tasks differently (Qube's agenda items) maps them in {@link #parseStatus} and {@link #taskIds}.
 * Methods are called from the engine's thread only, but must not keep state between calls.
 */
public interface Scheduler {

    /** @return the backend name, e.g. {@code slurm}; it is also written in the ledger */
    String name();

    /** @return the farm-specific option names {@link #checkOptions} accepts (e.g. {@code partition}) */
    Set<String> optionNames();

    /**
     * Checks and normalizes the farm's own job options (those in {@link #optionNames()}).
     *
     * @return the checked options, ready for {@link #submitCommand}
     * @throws IllegalArgumentException naming the option and the value, and what is valid
     */
    Map<String, Object> checkOptions(Map<String, ?> options);

    /**
     * @param request what to submit: its job script, size, parallelism and the checked options
     * @return the command line that submits the job script as an array job
     */
    List<String> submitCommand(SubmitRequest request);

    /**
     * @param output what the submit command printed on stdout
     * @return the job id
     * @throws IllegalStateException quoting the output, when there is none in it
     */
    String parseJobId(String output);

    /**
     * @return environment variables for the submit command, e.g. Slurm's {@code SLURM_UMASK=0077} so the files the
     * scheduler itself writes into workDir (its task logs) are private too
     */
    default Map<String, String> submitEnvironment() {
        return Map.of();
    }

    /** @return the name of the environment variable that holds a running task's index */
    String taskIndexVariable();

    /**
     * @return the job script's first line of bash that sets {@code i} to the running task's index (by default read
     * from {@link #taskIndexVariable()}); a scheduler that passes it otherwise (Qube substitutes frame numbers in
     * the command line) overrides this
     */
    default String taskIndexScript() {
        return "i=\"${" + taskIndexVariable() + ":?no task index in " + taskIndexVariable() + "}\"";
    }

    /**
     * @param depth the depth the tasks run at ({@link Depth})
     * @return more environment variables for the tasks' commands (e.g. Qube's own nesting depth, {@code QBLVL})
     */
    default Map<String, String> taskEnvironment(int depth) {
        return Map.of();
    }

    /**
     * @param options the job's checked options
     * @return how many times the scheduler itself runs a task's command again after it exited non-zero (Qube's
     * {@code retrywork}); the engine then waits for those runs instead of failing the task at its first exit file
     */
    default int ownRetries(Map<String, Object> options) {
        return 0;
    }

    /** @return ONE command asking for the state of every task of every job in {@code jobIds} */
    List<String> statusCommand(Collection<String> jobIds);

    /**
     * @param output   what the status command printed
     * @param exitCode its exit code (some schedulers answer "unknown job" with a non-zero code)
     * @return the tasks the scheduler knows of, by {@link TaskId}
     * @throws IllegalStateException when the answer is an error, not a (possibly empty) list
     */
    Map<TaskId, TaskStatus> parseStatus(String output, String errors, int exitCode);

    /** @return ONE command killing every task in {@code tasks} (whole jobs when {@code index} is negative) */
    List<String> killCommand(Collection<TaskId> tasks);

    /** @return a command describing one job in detail, for tasks that left the queue without a trace in workDir */
    List<String> detailCommand(String jobId);

    /** @return what {@link #detailCommand}'s answer says about each task it lists */
    Map<TaskId, TaskStatus> parseDetail(String output);

    /**
     * @param jobDir the job's folder in workDir
     * @return where the scheduler itself writes a task's output (its own messages, e.g. a time limit), as a pattern
     * the submit command passes on; the engine reads {@link #schedulerLog} from it
     */
    default Path schedulerLogPattern(Path jobDir) {
        return jobDir.resolve("%a.farm.log");
    }

    /** @return the file the scheduler wrote task {@code index}'s own messages to */
    default Path schedulerLog(Path jobDir, int index) {
        return jobDir.resolve(index + ".farm.log");
    }
}
