package io.jobline.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One poll of the live jobs, on the engine's thread: ONE status command for all of them, one listing of each job's
 * folder, then per task: its exit file if there (the truth), else what the scheduler says, else the grace period
 * for tasks the scheduler no longer lists, then one detail command per such job, then "lost". Between polls,
 * {@link #exits} looks at the folders only.
 */
final class Poll {

    private static final Logger LOG = Logger.getLogger(Poll.class.getName());

    private final FarmEngine engine;
    private final Scheduler scheduler;
    private final SchedulerCommands commands;

    Poll(FarmEngine engine, SchedulerCommands commands) {
        this.engine = engine;
        this.scheduler = engine.scheduler();
        this.commands = commands;
    }

    /**
     * @param retry where tasks that failed but have retries left are put
     * @return whether anything moved (a task started, ended, or changed node)
     */
    boolean run(List<FarmArray> arrays, List<FarmTask> retry) {
        Set<String> ids = new LinkedHashSet<>();
        for (FarmArray array : arrays) {
            ids.add(array.jobId());
        }
        if (ids.isEmpty()) {
            return false;
        }
        Map<TaskId, TaskStatus> statuses = status(ids);
        boolean progress = false;
        long now = System.currentTimeMillis();
        long grace = engine.settings().missingGrace().toMillis();
        Map<FarmArray, List<FarmTask>> overdue = new LinkedHashMap<>();
        for (FarmArray array : arrays) {
            Set<String> files = list(array.dir());
            for (FarmTask task : array.tasks()) {
                if (task.array() != array || task.outcome().isDone()) {
                    continue;
                }
                int index = task.index();
                if (files.contains(index + ".exit")) {
                    progress |= exited(task, statuses == null ? null : statuses.get(task.id()), retry);
                    continue;
                }
                if (statuses == null) {
                    continue;
                }
                TaskStatus status = statuses.get(task.id());
                if (status == null) {
                    if (task.missingSince == 0) {
                        task.missingSince = now;
                    } else if (now - task.missingSince >= grace) {
                        overdue.computeIfAbsent(array, k -> new ArrayList<>()).add(task);
                    }
                    continue;
                }
                task.missingSince = 0;
                progress |= task.seen(status.phase(), status.node());
                if (status.phase() == TaskStatus.Phase.ENDED) {
                    progress |= endedWithoutFile(task, status, retry);
                }
            }
        }
        overdue.forEach((array, tasks) -> detail(array, tasks, retry));
        return progress || !overdue.isEmpty();
    }

    /**
     * Between polls: only the live jobs' folders, no scheduler call. Completes the tasks whose exit file is there.
     *
     * @return whether any did
     */
    boolean exits(List<FarmArray> arrays, List<FarmTask> retry) {
        boolean any = false;
        for (FarmArray array : arrays) {
            Set<String> files = list(array.dir());
            for (FarmTask task : array.tasks()) {
                if (task.array() == array && !task.outcome().isDone() && files.contains(task.index() + ".exit")) {
                    any |= exited(task, null, retry);
                }
            }
        }
        return any;
    }

    private Map<TaskId, TaskStatus> status(Set<String> ids) {
        try {
            SchedulerCommands.Answer answer = commands.run("status", scheduler.statusCommand(ids));
            return scheduler.parseStatus(answer.out(), answer.err(), answer.exitCode());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {     // an adapter's Error too: the files still tell which tasks ended
            LOG.warning(scheduler.name() + " status unavailable this poll (" + e + "); relying on workDir");
            return null;
        }
    }

    /**
     * The task's exit file is there: it ended with that code. While the scheduler still runs a failed command again
     * itself ({@link Scheduler#ownRetries}), the file is first moved aside (a rename, so the next run's file is never
     * the one moved) and a non-zero code only waits for that next run.
     */
    private boolean exited(FarmTask task, TaskStatus status, List<FarmTask> retry) {
        Path file = task.array().dir().resolve(task.index() + ".exit");
        if (task.ownRetriesLeft > 0) {
            Path aside = task.array().dir().resolve("." + task.index() + ".exit.run-" + task.ownRetriesLeft);
            try {
                Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                return false;
            }
            file = aside;
        }
        String[] words;
        try {
            words = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+", 2);
        } catch (IOException e) {
            return false;
        }
        int code;
        try {
            code = Integer.parseInt(words[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        task.seen(TaskStatus.Phase.RUNNING, words.length > 1 ? words[1] : "");
        if (code == 0) {
            task.outcome().complete(new FarmTask.Outcome(0, task.node(), task.id(), task.logFile()));
        } else if (task.ownRetriesLeft > 0) {
            task.ownRetriesLeft--;
            LOG.info(scheduler.name() + " runs " + task.id() + " (" + task.label() + ") again after exit code " + code);
        } else {
            fail(task, FarmFailure.of(task, status == null ? "" : status.state(), "", code, ""), retry);
        }
        return true;
    }

    /** The scheduler says it ended; unless the exit file appeared meanwhile, that is a failure, at once. */
    private boolean endedWithoutFile(FarmTask task, TaskStatus status, List<FarmTask> retry) {
        if (Files.exists(task.array().dir().resolve(task.index() + ".exit"))) {
            return exited(task, status, retry);
        }
        fail(task, FarmFailure.of(task, status.state(), status.reason(), null, status.exit()), retry);
        return true;
    }

    /** Tasks the queue no longer lists, past the grace period: one detail command for their job. */
    private void detail(FarmArray array, List<FarmTask> tasks, List<FarmTask> retry) {
        Map<TaskId, TaskStatus> known = Map.of();
        try {
            SchedulerCommands.Answer answer = commands.run("detail", scheduler.detailCommand(array.jobId()));
            known = scheduler.parseDetail(answer.out());
        } catch (IOException | RuntimeException e) {
            LOG.warning(scheduler.name() + " detail of job " + array.jobId() + " unavailable: " + e.getMessage());
        }
        for (FarmTask task : tasks) {
            if (Files.exists(array.dir().resolve(task.index() + ".exit"))) {
                exited(task, null, retry);
                continue;
            }
            TaskStatus status = known.get(task.id());
            if (status != null && status.phase() != TaskStatus.Phase.ENDED) {
                task.missingSince = 0;
                task.seen(status.phase(), status.node());
            } else if (status != null) {
                fail(task, FarmFailure.of(task, status.state(), status.reason(), null, status.exit()), retry);
            } else {
                fail(task, FarmFailure.of(task, "LOST", "the scheduler lists it no more, knows nothing of it, and"
                        + " it left no exit file in " + array.dir(), null, ""), retry);
            }
        }
    }

    private void fail(FarmTask task, FarmFailure failure, List<FarmTask> retry) {
        if (task.attemptsLeft > 0) {
            task.attemptsLeft--;
            LOG.info("retrying after: " + failure.getMessage().lines().findFirst().orElse(""));
            retry.add(task);
        } else {
            engine.failed(task, failure);
        }
    }

    private static Set<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = new HashSet<>();
            files.forEach(file -> names.add(file.getFileName().toString()));
            return names;
        } catch (IOException | java.io.UncheckedIOException e) {
            // Unchecked: a read error after Files.list returned (NFS: ESTALE, EIO) comes out of forEach. Either way
            // nothing is known of this folder this time; the next look may do better.
            return Set.of();
        }
    }
}
