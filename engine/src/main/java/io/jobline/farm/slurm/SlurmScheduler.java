package io.jobline.farm.slurm;

import io.jobline.farm.Scheduler;
import io.jobline.farm.SubmitRequest;
import io.jobline.farm.TaskId;
import io.jobline.farm.TaskStatus;
import io.jobline.farm.TaskStatus.Phase;
import io.jobline.util.Options;
import io.jobline.util.Show;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm for the farm layer: {@code sbatch --array} to submit, one {@code squeue -r} for every live job,
 * {@code scancel} to kill, {@code scontrol show job} for jobs that left the queue. No accounting is assumed
 * ({@code sacct} may not exist). Jobs are submitted {@code --no-requeue}: a task whose node fails ends NODE_FAIL and
 * is reported (or retried with {@code retries:}) instead of starting again behind Jobline's back.
 */
public final class SlurmScheduler implements Scheduler {

    static final Set<String> OPTIONS = Set.of("partition", "account", "time", "mem", "cpus", "extra");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    /** Slurm's time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS. */
    private static final Pattern TIME = Pattern.compile("\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d+(:\\d{1,2}){0,2}");
    private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern JOB_ID = Pattern.compile("^(\\d+)(;\\S+)?\\s*$", Pattern.MULTILINE);
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");
    private static final String FORMAT = "%F|%K|%T|%r|%N";

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public Set<String> optionNames() {
        return OPTIONS;
    }

    @Override
    public Map<String, Object> checkOptions(Map<String, ?> options) {
        Map<String, Object> checked = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            switch (key) {
                case "partition", "account" -> checked.put(key, word(key, value));
                case "time" -> checked.put(key, time(value));
                case "mem" -> checked.put(key, mem(value));
                case "cpus" -> checked.put(key, Options.intAtLeast("cpus", value, 1));
                case "extra" -> checked.put(key, extra(value));
                default -> throw new IllegalArgumentException("unknown slurm option '" + key + "'; valid: "
                        + String.join(", ", new java.util.TreeSet<>(OPTIONS)));
            }
        });
        return checked;
    }

    @Override
    public List<String> submitCommand(SubmitRequest request) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable", "--no-requeue",
                "--job-name=" + request.name(),
                "--array=0-" + (request.size() - 1) + (request.maxParallel() > 0 ? "%" + request.maxParallel() : ""),
                "--output=" + schedulerLogPattern(request.jobDir()), "--open-mode=append"));
        Map<String, Object> o = request.options();
        if (o.containsKey("partition")) {
            command.add("--partition=" + o.get("partition"));
        }
        if (o.containsKey("account")) {
            command.add("--account=" + o.get("account"));
        }
        if (o.containsKey("time")) {
            command.add("--time=" + o.get("time"));
        }
        if (o.containsKey("mem")) {
            command.add("--mem=" + o.get("mem"));
        }
        if (o.containsKey("cpus")) {
            command.add("--cpus-per-task=" + o.get("cpus"));
        }
        if (o.containsKey("extra")) {
            for (Object flag : (List<?>) o.get("extra")) {
                command.add(flag.toString());
            }
        }
        command.add(request.script().toString());
        return command;
    }

    @Override
    public String parseJobId(String output) {
        Matcher m = JOB_ID.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("sbatch printed no job id: '" + output.strip() + "'");
        }
        return m.group(1);
    }

    /** sbatch passes its umask to the tasks, and slurmstepd creates their output files with it. */
    @Override
    public Map<String, String> submitEnvironment() {
        return Map.of("SLURM_UMASK", "0077");
    }

    @Override
    public String taskIndexVariable() {
        return "SLURM_ARRAY_TASK_ID";
    }

    @Override
    public List<String> statusCommand(Collection<String> jobIds) {
        return List.of("squeue", "--noheader", "--array", "--states=all", "--jobs=" + String.join(",", jobIds),
                "--format=" + FORMAT);
    }

    @Override
    public Map<TaskId, TaskStatus> parseStatus(String output, String errors, int exitCode) {
        if (exitCode != 0) {
            if (errors.contains("Invalid job id")) {
                return Map.of();    // every job asked for has left slurmctld's memory
            }
            throw new IllegalStateException("squeue failed (exit code " + exitCode + "): " + errors.strip());
        }
        Map<TaskId, TaskStatus> tasks = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 5 || f[0].isEmpty()) {
                continue;
            }
            for (int index : indexes(f[1])) {
                tasks.put(new TaskId(f[0], index), new TaskStatus(phase(f[2]), f[2], f[3], f[4]));
            }
        }
        return tasks;
    }

    @Override
    public List<String> killCommand(Collection<TaskId> tasks) {
        List<String> command = new ArrayList<>(List.of("scancel"));
        tasks.forEach(task -> command.add(task.toString()));
        return command;
    }

    @Override
    public List<String> detailCommand(String jobId) {
        return List.of("scontrol", "--oneliner", "show", "job", jobId);
    }

    @Override
    public Map<TaskId, TaskStatus> parseDetail(String output) {
        Map<TaskId, TaskStatus> tasks = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Map<String, String> f = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                f.putIfAbsent(m.group(1), m.group(2));
            }
            String job = f.getOrDefault("ArrayJobId", f.get("JobId"));
            String state = f.get("JobState");
            if (job == null || state == null) {
                continue;
            }
            String node = f.getOrDefault("NodeList", "");
            TaskStatus status = new TaskStatus(phase(state), state, f.getOrDefault("Reason", ""),
                    "(null)".equals(node) ? "" : node, f.getOrDefault("ExitCode", ""));
            for (int index : indexes(f.getOrDefault("ArrayTaskId", "N/A"))) {
                tasks.put(new TaskId(job, index), status);
            }
        }
        return tasks;
    }

    /** Slurm's job states, by what they mean for a task. */
    static Phase phase(String state) {
        String s = state.replaceAll("[+ ].*", "");
        return switch (s) {
            case "PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SUSPENDED",
                 "STOPPED" -> Phase.WAITING;
            case "RUNNING", "COMPLETING", "SIGNALING", "STAGE_OUT", "RESIZING", "UPDATE_DB", "POWER_UP_NODE" ->
                    Phase.RUNNING;
            default -> Phase.ENDED;   // COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED …
        };
    }

    /** An array task id field: {@code 3}, {@code 4-9}, {@code 1,3,5-7%2}, or {@code N/A} (not an array task: 0). */
    static List<Integer> indexes(String field) {
        String text = field.replaceAll("%.*", "").replace("[", "").replace("]", "").strip();
        List<Integer> indexes = new ArrayList<>();
        if (text.isEmpty() || text.equals("N/A") || text.equals("(null)")) {
            indexes.add(0);
            return indexes;
        }
        for (String part : text.split(",")) {
            String[] range = part.split("-");
            try {
                int from = Integer.parseInt(range[0].strip());
                int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
                for (int i = from; i <= to; i++) {
                    indexes.add(i);
                }
            } catch (NumberFormatException e) {
                // a field Slurm may add later: nothing to learn from it
            }
        }
        return indexes;
    }

    private static String word(String name, Object value) {
        if (!(value instanceof CharSequence) || !NAME.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException(name + ": must be a Slurm " + name + " name (letters, digits, _ . -),"
                    + " got " + Options.show(value));
        }
        return value.toString();
    }

    private static String time(Object value) {
        if (value instanceof Number && ((Number) value).doubleValue() > 0
                && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof CharSequence && TIME.matcher(value.toString().strip()).matches()) {
            return value.toString().strip();
        }
        throw new IllegalArgumentException("time: must be whole minutes (e.g. 30) or a Slurm time such as '90:00',"
                + " '2:00:00' or '1-12:00:00', got " + Options.show(value));
    }

    private static String mem(Object value) {
        if (value instanceof Number && ((Number) value).doubleValue() >= 1
                && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())) {
            return ((Number) value).longValue() + "M";
        }
        if (value instanceof CharSequence && MEM.matcher(value.toString().strip().toUpperCase()).matches()) {
            return value.toString().strip().toUpperCase();
        }
        throw new IllegalArgumentException("mem: must be megabytes (e.g. 4096) or a size such as '4G' or '500M',"
                + " got " + Options.show(value));
    }

    private static List<String> extra(Object value) {
        List<String> flags = new ArrayList<>();
        if (value instanceof CharSequence) {
            for (String word : value.toString().strip().split("\\s+")) {
                if (!word.isEmpty()) {
                    flags.add(word);
                }
            }
        } else if (value instanceof Collection) {
            for (Object flag : (Collection<?>) value) {
                if (flag == null) {
                    throw new IllegalArgumentException("extra: must not contain null, got " + Show.value(value));
                }
                flags.add(flag.toString());
            }
        } else {
            throw new IllegalArgumentException("extra: must be a list of sbatch flags (e.g. ['--qos=high']) or a"
                    + " whitespace-separated string, got " + Options.show(value));
        }
        for (String flag : flags) {
            if (!flag.startsWith("-")) {
                throw new IllegalArgumentException("extra: sbatch flags start with '-' (write '--flag=value'), got "
                        + Options.show(flag) + " in " + Options.show(value));
            }
        }
        return List.copyOf(flags);
    }
}
