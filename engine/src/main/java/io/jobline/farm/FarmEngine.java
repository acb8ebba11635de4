package io.jobline.farm;

import io.jobline.remote.PrivateFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The farm layer: submits array jobs through a {@link Scheduler}, keeps the ledger ({@link Sessions}), polls, completes,
 * cancels and reports failures. One engine per farm backend instance; it starts nothing (no thread, no folder)
 * until the first submission.
 *
 * <p><b>Submission.</b> {@link #submit} writes the job script into a new folder of this engine's session folder
 * (in {@code workDir}, 0700), runs the scheduler's submit command on the calling thread and returns when the
 * scheduler has taken the job. It refuses work past the depth limit ({@link Depth}).
 *
 * <p><b>Polling.</b> One thread per engine, alive while jobs are: each poll runs ONE status command for every live
 * job (however many tasks), and lists each live job's folder once. The files are the truth: a task whose exit file
 * is there has ended with that code, whatever the scheduler says. A task the scheduler reports ended without an
 * exit file fails at once with the scheduler's state and reason; one the scheduler no longer lists gets a grace
 * period, then one detail command, then is "lost". Polls come 0.1 s apart, half as far again after each quiet poll,
 * at most {@code pollInterval}, and 0.1 s again after progress; in between, the folders of live jobs are listed
 * every 0.1 s (no scheduler call), so a task that ended is completed at once.
 *
 * <p><b>Failures and retries.</b> A task that failed ({@link FarmFailure}) is submitted again, as part of one new
 * array job per poll, while it has retries left; then its outcome fails.
 *
 * <p><b>Cancel.</b> {@link FarmTask#cancel()} never blocks: the kill is batched into one kill command on the
 * engine's thread. {@link #close()} cancels every task not final with one kill command, on the calling thread, and
 * one shutdown hook closes every engine still open, so Ctrl-C or SIGTERM of this JVM leaves no job behind (what a
 * {@code kill -9} leaves, {@code jobline farm cancel WORKDIR} kills from the ledger).
 */
public final class FarmEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FarmEngine.class.getName());
    private static final Set<FarmEngine> OPEN = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(FarmEngine::close),
                "jobline-farm-reaper"));
    }

    private final Scheduler scheduler;
    private final FarmSettings settings;
    private final SchedulerCommands commands;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicInteger jobNumbers = new AtomicInteger();
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final List<FarmArray> live = new ArrayList<>();
    /** Guarded by lock. */
    private final Set<TaskId> toKill = new LinkedHashSet<>();
    /** Guarded by lock. */
    private Thread thread;
    /** Guarded by lock. */
    private boolean wake;
    private volatile boolean closed;
    private volatile boolean anyFailed;
    private volatile Path session;
    private volatile io.jobline.remote.Ledger ledger;

    public FarmEngine(Scheduler scheduler, FarmSettings settings) {
        this(scheduler, settings, SchedulerCommands.LIMIT);
    }

    /** @param commandLimit how long one scheduler command may take (two minutes; a spec makes it small) */
    FarmEngine(Scheduler scheduler, FarmSettings settings, Duration commandLimit) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.commands = new SchedulerCommands(settings.commandEnv(), commandLimit);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public FarmSettings settings() {
        return settings;
    }

    /** @return this engine's session folder in workDir, or {@code null} before the first submission */
    public Path session() {
        return session;
    }

    /** @return scheduler calls made so far by kind ({@code submit}, {@code status}, {@code kill}, {@code detail}) */
    public Map<String, Long> schedulerCalls() {
        return commands.calls();
    }

    /** @return the last command of each kind this engine ran and what it answered, e.g. for {@code farm check} */
    public Map<String, String> lastAnswers() {
        return commands.lastAnswers();
    }

    /** @return how many polls this engine has made */
    public long polls() {
        return polls.get();
    }

    /**
     * Submits {@code tasks} as one array job and returns once the scheduler has it.
     *
     * @param options the scheduler's job options (checked here) and {@code maxParallel}
     * @throws IllegalArgumentException for a bad option
     * @throws IllegalStateException    past the depth limit, or when this engine is closed
     * @throws IOException              when the scheduler refused the job (its answer quoted) or workDir is not writable
     */
    public String submit(String name, List<FarmTask> tasks, Map<String, ?> options, int retries) throws IOException {
        Map<String, Object> checked = checkOptions(options);
        FarmArray array = submitArray(name, tasks, checked, retries);
        return array.jobId();
    }

    /** Checks the scheduler's options in {@code options}; other keys are left out. */
    public Map<String, Object> checkOptions(Map<String, ?> options) {
        Map<String, Object> own = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((key, value) -> {
                if (scheduler.optionNames().contains(key) || "maxParallel".equals(key)) {
                    own.put(key, value);
                }
            });
        }
        Object parallel = own.remove("maxParallel");
        Map<String, Object> checked = new LinkedHashMap<>(scheduler.checkOptions(own));
        if (parallel != null) {
            checked.put("maxParallel", io.jobline.util.Options.intAtLeast("maxParallel", parallel, 1));
        }
        return checked;
    }

    FarmArray submitArray(String name, List<FarmTask> tasks, Map<String, Object> options, int retries)
            throws IOException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a farm job needs at least one task");
        }
        int depth = Depth.next();
        checkOpen();
        Path dir = sessionFolder().resolve("job-" + jobNumbers.incrementAndGet());
        PrivateFiles.createFolders(dir);
        FarmArray array = new FarmArray(this, name, dir, tasks, options, retries);
        for (int i = 0; i < tasks.size(); i++) {
            FarmTask task = tasks.get(i);
            if (task.array() == null) {
                task.attemptsLeft = retries;
            }
            task.attach(this, array, i);
        }
        Path script = JobScript.write(dir, scheduler, tasks, depth);
        Object parallel = options.get("maxParallel");
        int maxParallel = parallel instanceof Integer ? (Integer) parallel : settings.maxParallel;
        Map<String, Object> own = new LinkedHashMap<>(options);
        own.remove("maxParallel");
        List<int[]> frames = new ArrayList<>();
        for (FarmTask task : tasks) {
            if (task.frames() != null) {
                frames.add(task.frames());
            }
        }
        SubmitRequest request = new SubmitRequest(name, script, dir, tasks.size(), maxParallel, own,
                frames.size() == tasks.size() ? List.copyOf(frames) : List.of());
        SchedulerCommands.Answer answer = commands.run("submit", scheduler.submitCommand(request),
                scheduler.submitEnvironment());
        if (answer.exitCode() != 0) {
            throw new IOException(scheduler.name() + " refused job '" + name + "' (exit code " + answer.exitCode()
                    + "): " + answer.text());
        }
        String jobId = scheduler.parseJobId(answer.out());
        array.submitted(jobId);
        ledger.submitted(jobId);
        synchronized (lock) {
            live.add(array);
            startOrWake();
        }
        for (FarmTask task : tasks) {
            if (task.outcome().isCancelled()) {
                kill(task);
            }
        }
        return array;
    }

    /**
     * Asks for {@code task} to be killed with the next batched kill command; never blocks. Once every task of its
     * job is final (cancelling a whole job is the common case) the whole job is asked for instead, which every
     * scheduler can kill (Qube cannot kill one work item).
     */
    void kill(FarmTask task) {
        FarmArray array = task.array();
        TaskId id = task.id();
        synchronized (lock) {
            if (array.isOver()) {
                toKill.removeIf(other -> other.jobId().equals(id.jobId()));
                toKill.add(new TaskId(id.jobId(), -1));
            } else {
                toKill.add(id);
            }
            if (thread != null) {
                wake = true;
                lock.notifyAll();
            } else if (!closed) {
                startOrWake();
            }
        }
    }

    /**
     * Cancels every task not final (one kill command for their jobs, on this thread), stops polling, and removes
     * the session folder when nothing failed (failed tasks' logs are kept for reading). Idempotent.
     */
    @Override
    public void close() {
        List<FarmArray> arrays;
        Thread poller;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            arrays = new ArrayList<>(live);
            poller = thread;
            lock.notifyAll();
        }
        Set<TaskId> jobs = new LinkedHashSet<>();
        for (FarmArray array : arrays) {
            for (FarmTask task : array.tasks()) {
                if (task.array() == array && task.outcome().cancel(false)) {
                    jobs.add(new TaskId(array.jobId(), -1));
                }
            }
        }
        synchronized (lock) {
            toKill.forEach(id -> jobs.add(new TaskId(id.jobId(), -1)));
            toKill.clear();
        }
        if (!jobs.isEmpty()) {
            runKill(jobs);
        }
        if (poller != null && poller != Thread.currentThread()) {
            try {
                poller.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            arrays = new ArrayList<>(live);
            live.clear();
        }
        for (FarmArray array : arrays) {
            ended(array);
        }
        OPEN.remove(this);
        if (session != null && !anyFailed) {
            WorkDirFiles.deleteTree(session);
        }
    }

    // ---- the engine's thread ----

    private void startOrWake() {
        checkOpen();
        if (thread == null) {
            OPEN.add(this);
            thread = new Thread(this::loop, "jobline-farm-" + scheduler.name());
            thread.setDaemon(true);
            thread.start();
        } else {
            wake = true;
            lock.notifyAll();
        }
    }

    /**
     * The engine's thread. One bad poll, command or callback never ends it: whatever a round throws is logged and
     * the next round comes (an Error too: a user's callback's AssertionError, a LinkageError in an adapter). Only a
     * {@link VirtualMachineError} (out of memory …) ends it; then, as whenever it ends other than by having nothing
     * left to do, every task it was watching fails with the cause, so no waiter hangs, and the next submission or
     * kill starts a new thread.
     */
    private void loop() {
        Throwable death = null;
        try {
            rounds();
        } catch (Throwable e) {
            death = e;
            throw e;
        } finally {
            if (death != null) {
                died(death);
            }
        }
    }

    private void rounds() {
        Poll poll = new Poll(this, commands);
        long interval = FarmSettings.FIRST_POLL.toMillis();
        while (true) {
            List<FarmArray> arrays;
            Set<TaskId> kills;
            synchronized (lock) {
                if (closed || (live.isEmpty() && toKill.isEmpty())) {
                    thread = null;
                    return;
                }
                arrays = new ArrayList<>(live);
                kills = new LinkedHashSet<>(toKill);
                toKill.clear();
            }
            try {
                if (!kills.isEmpty()) {
                    runKill(kills);
                }
                boolean progress = false;
                List<FarmTask> retry = new ArrayList<>();
                polls.incrementAndGet();
                try {
                    progress = poll.run(arrays, retry);
                } finally {
                    resubmit(retry);
                }
                finishOver(arrays);
                interval = progress ? FarmSettings.FIRST_POLL.toMillis()
                        : Math.min(settings.pollCap.toMillis(), interval + interval / 2);
                if (awaitNextPoll(poll, arrays, interval)) {
                    interval = FarmSettings.FIRST_POLL.toMillis();
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {     // Throwable: a Groovy callback throws checked exceptions undeclared
                LOG.log(Level.WARNING, "farm poll failed (" + e.getClass().getName() + "); polling goes on", e);
                interval = settings.pollCap.toMillis();
                pause(interval);    // a failure that repeats must not spin
            }
        }
    }

    /** Waits {@code ms}, or less when woken (a submission, a kill, close). */
    private void pause(long ms) {
        synchronized (lock) {
            if (!wake && !closed) {
                try {
                    lock.wait(ms);
                } catch (InterruptedException e) {
                    // only close() matters, and it sets closed
                }
            }
            wake = false;
        }
    }

    /**
     * The engine's thread ends abnormally: the tasks it watched fail with {@code cause} and their jobs are asked to
     * be killed (no one waits for them any more); the next submission or kill starts a new thread.
     */
    private void died(Throwable cause) {
        List<FarmArray> arrays;
        synchronized (lock) {
            thread = null;
            arrays = new ArrayList<>(live);
            live.clear();
        }
        Set<TaskId> jobs = new LinkedHashSet<>();
        for (FarmArray array : arrays) {
            for (FarmTask task : array.tasks()) {
                if (task.array() == array && !task.outcome().isDone()) {
                    failed(task, new IllegalStateException("the " + scheduler.name() + " farm's polling thread died"
                            + " of " + cause.getClass().getName() + ", so " + task.id() + " (" + task.label() + ")"
                            + " is no longer watched; its job is killed, its files are in " + array.dir(), cause));
                    jobs.add(new TaskId(array.jobId(), -1));
                }
            }
        }
        try {
            if (!jobs.isEmpty()) {
                runKill(jobs);
            }
            arrays.forEach(this::ended);
        } catch (Throwable e) {     // not being able to clean up must not hide why the thread died
            cause.addSuppressed(e);
        }
    }

    /**
     * Waits {@code interval} ms for the next poll, or less when woken (a submission, a kill, close). Meanwhile the
     * live jobs' folders are looked at every {@link FarmSettings#FIRST_POLL} (files are the truth and cost no
     * scheduler call), so a task that ended is completed at once, not when the scheduler is asked next.
     *
     * @return whether a task ended meanwhile (the next poll then comes at once, and polling speeds up)
     */
    private boolean awaitNextPoll(Poll poll, List<FarmArray> arrays, long interval) {
        long deadline = System.nanoTime() + interval * 1_000_000L;
        while (true) {
            synchronized (lock) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (!wake && !closed && left > 0) {
                    try {
                        lock.wait(Math.min(left, FarmSettings.FIRST_POLL.toMillis()));
                    } catch (InterruptedException e) {
                        // only close() matters, and it sets closed
                    }
                }
                if (wake || closed || System.nanoTime() >= deadline) {
                    wake = false;
                    return false;
                }
            }
            List<FarmTask> retry = new ArrayList<>();
            if (poll.exits(arrays, retry)) {
                resubmit(retry);
                finishOver(arrays);
                return true;
            }
        }
    }

    private void resubmit(List<FarmTask> retry) {
        Map<FarmArray, List<FarmTask>> byJob = new LinkedHashMap<>();
        for (FarmTask task : retry) {
            byJob.computeIfAbsent(task.array(), k -> new ArrayList<>()).add(task);
        }
        byJob.forEach((array, tasks) -> {
            try {
                submitArray(array.name(), tasks, array.options(), array.retries());
            } catch (IOException | RuntimeException e) {
                tasks.forEach(task -> failed(task, e));
            }
        });
    }

    private void finishOver(List<FarmArray> arrays) {
        for (FarmArray array : arrays) {
            if (array.isOver()) {
                synchronized (lock) {
                    live.remove(array);
                }
                ended(array);
            }
        }
    }

    private void ended(FarmArray array) {
        try {
            ledger.ended(array.jobId());
        } catch (java.io.UncheckedIOException e) {
            LOG.log(Level.WARNING, "cannot write the farm ledger in " + session, e);
        }
    }

    /** Fails {@code task} for good (its retries are used up, or it cannot be retried). */
    void failed(FarmTask task, Throwable failure) {
        anyFailed = true;
        task.outcome().completeExceptionally(failure);
    }

    private void runKill(Set<TaskId> ids) {
        List<String> command = scheduler.killCommand(ids);
        if (command.isEmpty()) {
            return;     // nothing this scheduler can kill (see its killCommand)
        }
        try {
            SchedulerCommands.Answer answer = commands.run("kill", command);
            if (answer.exitCode() != 0) {
                LOG.warning(scheduler.name() + " kill of " + ids + " answered (exit code " + answer.exitCode() + "): "
                        + answer.text());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot kill farm jobs " + ids, e);
        }
    }

    Path sessionFolder() throws IOException {
        synchronized (lock) {
            if (session == null) {
                String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                        + ProcessHandle.current().pid() + "-" + Integer.toHexString(RANDOM.nextInt(0x10000));
                Path dir = settings.workDir.resolve(name);
                PrivateFiles.createFolders(dir);
                ledger = Sessions.start(dir, scheduler.name());
                session = dir;
            }
            return session;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + scheduler.name() + " farm is closed; it takes no more jobs");
        }
    }
}
