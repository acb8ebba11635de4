package io.jobline.farm.qube;

import io.jobline.farm.ExtraFlags;
import io.jobline.farm.Scheduler;
import io.jobline.farm.SubmitRequest;
import io.jobline.farm.TaskId;
import io.jobline.farm.TaskStatus;
import io.jobline.util.Options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * PipelineFX Qube for the farm layer, through its command-line tools only (no Qube Python module, no custom job
 * type on the nodes): every job is a {@code qbsub --type cmdrange} job whose agenda items are Jobline's tasks. A
 * command job over a regular frame grid is submitted as Qube sees frames ({@code --range 1-100 --chunk 10}, items
 * {@code 1-10}, {@code 11-20} …); function calls and irregular frames as {@code --range 0-(N-1)}. Each item runs
 * Jobline's job script with {@code QB_FRAME_START}, which the script turns back into the task's index. One
 * {@code qbjobs --xml --status} for every live job, {@code qbkill} for whole jobs. What the documentation leaves
 * open is in {@link QubeAssumptions}.
 */
public final class QubeScheduler implements Scheduler {

    static final Set<String> OPTIONS = Set.of("cluster", "groups", "priority", "cpus", "reservations",
            "requirements", "retrywork", "extra");
    /** Instances of a job when neither {@code cpus:} nor {@code maxParallel:} says: Jobline asks for at most this many. */
    static final int DEFAULT_CPUS = 16;
    private static final Logger LOG = Logger.getLogger(QubeScheduler.class.getName());
    private static final Pattern CLUSTER = Pattern.compile("/[A-Za-z0-9_.\\-/]*");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.\\-]+");

    @Override
    public String name() {
        return "qube";
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
                case "cluster" -> checked.put(key, cluster(value));
                case "groups" -> checked.put(key, groups(value));
                case "priority" -> checked.put(key, Options.intAtLeast("priority", value, 1));
                case "cpus" -> checked.put(key, Options.intAtLeast("cpus", value, 1));
                case "reservations", "requirements" -> checked.put(key, expression(key, value));
                case "retrywork" -> checked.put(key, Options.intAtLeast("retrywork", value, 0));
                case "extra" -> checked.put(key, ExtraFlags.of(value, "qbsub", "--hosts node1", false));
                default -> throw new IllegalArgumentException("unknown qube option '" + key + "'; valid: "
                        + String.join(", ", new TreeSet<>(OPTIONS)));
            }
        });
        return checked;
    }

    @Override
    public List<String> submitCommand(SubmitRequest request) {
        int[] grid = grid(request);
        Map<String, Object> o = request.options();
        int cpus = o.containsKey("cpus") ? (Integer) o.get("cpus")
                : request.maxParallel() > 0 ? request.maxParallel() : DEFAULT_CPUS;
        List<String> command = new ArrayList<>(List.of("qbsub", "--name", request.name(), "--type", "cmdrange",
                "--range", grid[0] + "-" + grid[1], "--chunk", Integer.toString(grid[2]),
                "--cpus", Integer.toString(Math.min(cpus, request.size()))));
        for (String option : List.of("priority", "cluster", "groups", "reservations", "requirements", "retrywork")) {
            if (o.containsKey(option)) {
                command.add("--" + option);
                command.add(o.get(option).toString());
            }
        }
        if (o.containsKey("extra")) {
            for (Object flag : (List<?>) o.get("extra")) {
                command.add(flag.toString());
            }
        }
        command.add("--xml");
        command.addAll(List.of("/bin/bash", request.script().toString(), QubeAssumptions.FRAME_START,
                Integer.toString(grid[0]), Integer.toString(grid[2])));
        return command;
    }

    /**
     * @return {@code {first, last, chunk}} of the agenda: the command job's frames when they are one regular grid
     * from a frame {@code >= 0} (task i = frames {@code first + i*chunk …}), else the task indexes
     */
    static int[] grid(SubmitRequest request) {
        List<int[]> frames = request.frames();
        int n = request.size();
        if (frames.size() == n && n > 0 && frames.get(0)[0] >= 0) {
            int first = frames.get(0)[0];
            int chunk = frames.get(0)[1] - first + 1;
            int last = frames.get(n - 1)[1];
            boolean regular = chunk > 0;
            for (int i = 0; i < n && regular; i++) {
                int start = first + i * chunk;
                regular = frames.get(i)[0] == start && frames.get(i)[1] == Math.min(start + chunk - 1, last);
            }
            if (regular) {
                return new int[]{first, last, chunk};
            }
        }
        return new int[]{0, n - 1, 1};
    }

    @Override
    public String parseJobId(String output) {
        return QubeAssumptions.jobId(output);
    }

    /** Not an environment variable on Qube: the frame is substituted in the command line (see taskIndexScript). */
    @Override
    public String taskIndexVariable() {
        return QubeAssumptions.FRAME_START;
    }

    /** The job script's arguments: the item's first frame, the agenda's first frame and its chunk. */
    @Override
    public String taskIndexScript() {
        return "case \"$1\" in ''|*[!0-9]*) echo \"no frame number from Qube in the command line (got '$1')\" >&2;"
                + " exit 2 ;; esac\ni=$(( ($1 - $2) / $3 ))";
    }

    @Override
    public Map<String, String> taskEnvironment(int depth) {
        return Map.of(QubeAssumptions.LEVEL, Integer.toString(depth));
    }

    @Override
    public int ownRetries(Map<String, Object> options) {
        Object retries = options.get("retrywork");
        return retries instanceof Integer ? (Integer) retries : 0;
    }

    @Override
    public List<String> statusCommand(Collection<String> jobIds) {
        List<String> command = new ArrayList<>(List.of("qbjobs", "--xml", "--status"));
        command.addAll(jobIds);
        return command;
    }

    @Override
    public Map<TaskId, TaskStatus> parseStatus(String output, String errors, int exitCode) {
        if (exitCode != 0 && !output.contains("<")) {
            throw new IllegalStateException("qbjobs failed (exit code " + exitCode + "): " + (errors + output).strip());
        }
        return QubeAssumptions.tasks(output);
    }

    /**
     * {@code qbkill} of the whole jobs among {@code tasks}. Qube kills jobs and instances, not work items: a single
     * item of a job that goes on is not killed (its future is cancelled and its result ignored; see docs/qube.md).
     */
    @Override
    public List<String> killCommand(Collection<TaskId> tasks) {
        Set<String> jobs = new LinkedHashSet<>();
        for (TaskId task : tasks) {
            if (task.index() < 0) {
                jobs.add(task.jobId());
            } else {
                LOG.fine(() -> "qube: work item " + task + " cannot be killed alone; its result will be ignored");
            }
        }
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of("qbkill"));
        command.addAll(jobs);
        return command;
    }

    @Override
    public List<String> detailCommand(String jobId) {
        return statusCommand(List.of(jobId));
    }

    @Override
    public Map<TaskId, TaskStatus> parseDetail(String output) {
        return QubeAssumptions.tasks(output);
    }

    private static String cluster(Object value) {
        if (!(value instanceof CharSequence) || !CLUSTER.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("cluster: must be a Qube cluster path such as '/show/shot' (a '/', then"
                    + " letters, digits, _ . - /), got " + Options.show(value));
        }
        return value.toString();
    }

    private static String groups(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof CharSequence) {
            for (String name : value.toString().split(",")) {
                names.add(name.strip());
            }
        } else if (value instanceof Collection) {
            for (Object name : (Collection<?>) value) {
                names.add(name == null ? "" : name.toString().strip());
            }
        }
        if (names.isEmpty() || !names.stream().allMatch(name -> GROUP.matcher(name).matches())) {
            throw new IllegalArgumentException("groups: must be Qube group names (letters, digits, _ . -), as a list"
                    + " ['farm', 'gpu'] or text 'farm,gpu', got " + Options.show(value));
        }
        return String.join(",", names);
    }

    private static String expression(String name, Object value) {
        if (!(value instanceof CharSequence) || value.toString().isBlank() || value.toString().contains("\n")) {
            throw new IllegalArgumentException(name + ": must be one line of Qube " + name + " such as "
                    + ("reservations".equals(name) ? "'host.processors=2'" : "'host.os=linux'") + ", got "
                    + Options.show(value));
        }
        return value.toString().strip();
    }
}
