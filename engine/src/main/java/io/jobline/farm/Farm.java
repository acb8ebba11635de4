package io.jobline.farm;

import io.jobline.function.Functions;
import io.jobline.function.JobFunction;
import io.jobline.live.LiveHandle;
import io.jobline.live.LiveRegistry;
import io.jobline.util.Options;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A farm to run command jobs on ({@code slurm(partition: 'render')} in the DSL): the options given when it is made
 * are defaults for its jobs. {@link #job} submits one array job, one task per chunk of frames, and registers it in
 * the current {@link LiveRegistry} scope as a {@code farm job} (the shell lists and cancels it). Thread-safe. Closing
 * it cancels what still runs; an open farm is closed (its jobs killed) when the JVM exits.
 */
public final class Farm implements AutoCloseable {

    private static final Set<String> JOB_OPTIONS = Set.of("name", "frames", "chunk", "retries", "maxParallel");

    private final FarmEngine engine;
    private final Map<String, Object> defaults;

    private Farm(FarmEngine engine, Map<String, Object> defaults) {
        this.engine = engine;
        this.defaults = defaults;
    }

    /**
     * @param farm    the scheduler's name ({@code slurm})
     * @param options {@link FarmSettings}' options and the scheduler's job options as defaults
     * @throws IllegalArgumentException for an unknown farm, an unknown option or a bad value, naming it
     */
    public static Farm create(String farm, Map<String, ?> options) {
        Scheduler scheduler = Schedulers.named(farm);
        Map<String, Object> all = options == null ? Map.of() : new LinkedHashMap<>(options);
        Set<String> valid = new LinkedHashSet<>(FarmSettings.NAMES);
        valid.addAll(scheduler.optionNames());
        Options.requireKnown(all, valid, farm + " option");
        Map<String, Object> defaults = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            if (scheduler.optionNames().contains(key)) {
                defaults.put(key, value);
            }
        });
        FarmEngine engine = new FarmEngine(scheduler, FarmSettings.of(all));
        engine.checkOptions(defaults);
        return new Farm(engine, defaults);
    }

    /** @return the engine, for counts and the session folder */
    public FarmEngine getEngine() {
        return engine;
    }

    /**
     * Submits a command job and returns once the farm has it.
     *
     * @param options {@code frames:} (required: {@code 1..100}, a list, or {@code '1-100'}), {@code chunk:} frames
     *                per work item (default 1), {@code name:}, {@code retries:}, {@code maxParallel:}, and the
     *                scheduler's options ({@code cpus:}, {@code partition:} …) over the farm's defaults
     * @param command a String with {@code {start}} and {@code {end}} placeholders, or a function of
     *                {@code (start, end)} returning the command line; run by bash on the node
     * @throws IllegalArgumentException for a bad option or command, naming it
     * @throws IllegalStateException    past the depth limit ({@link Depth}), or when the farm refused the job,
     *                                  quoting its answer
     */
    public FarmJob job(Map<String, ?> options, Object command) {
        Map<String, Object> all = new LinkedHashMap<>(defaults);
        if (options != null) {
            all.putAll(options);
        }
        Set<String> valid = new LinkedHashSet<>(JOB_OPTIONS);
        valid.addAll(engine.scheduler().optionNames());
        Options.requireKnown(all, valid, "farm job option");
        if (all.get("frames") == null) {
            throw new IllegalArgumentException("frames: a command job needs its frames, e.g. job(frames: 1..100, "
                    + "chunk: 10) { start, end -> \"render -s $start -e $end\" }");
        }
        List<Integer> frames = Frames.parse(all.get("frames"));
        int chunk = all.get("chunk") == null ? 1 : Options.intAtLeast("chunk", all.get("chunk"), 1);
        int retries = all.get("retries") == null ? engine.settings().retries()
                : Options.intAtLeast("retries", all.get("retries"), 0);
        String name = all.get("name") == null ? "job" : all.get("name").toString();
        List<WorkItem> items = new ArrayList<>();
        List<FarmTask> tasks = new ArrayList<>();
        for (int[] range : Frames.chunks(frames, chunk)) {
            String label = "frames " + (range[0] == range[1] ? Integer.toString(range[0]) : range[0] + "-" + range[1]);
            FarmTask task = new FarmTask(label, commandLine(command, range[0], range[1]), range);
            tasks.add(task);
            items.add(new WorkItem(range[0], range[1], task));
        }
        try {
            String jobId = engine.submit(name, tasks, all, retries);
            FarmJob job = new FarmJob(name, jobId, items);
            LiveHandle entry = LiveRegistry.current().register(new FarmJobLive(job, engine.scheduler().name()), null);
            job.onDone(done -> entry.end());
            return job;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** {@code farm.job('render {start} {end}', frames: 1..10)} from Groovy, where named options come first. */
    public FarmJob job(Map<String, ?> options, String command) {
        return job(options, (Object) command);
    }

    /**
     * {@code farm.job { start, end -> … }} without options: refused as {@link #job(Map, Object)} refuses a job
     * without {@code frames:} (Groovy would otherwise say only that no method matches).
     */
    public FarmJob job(Object command) {
        return job(Map.of(), command);
    }

    /** Cancels every job of this farm that is not final (one kill command) and stops its polling. */
    @Override
    public void close() {
        engine.close();
    }

    private static String commandLine(Object command, int start, int end) {
        if (command instanceof CharSequence) {
            return command.toString().replace("{start}", Integer.toString(start)).replace("{end}", Integer.toString(end));
        }
        if (command == null) {
            throw new IllegalArgumentException("command: give a command string with {start}/{end}, or a function of"
                    + " (start, end) returning one");
        }
        JobFunction fn = Functions.of(command);
        Object line;
        try {
            line = fn.call(new Object[]{start, end});
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("command: the function failed for frames " + start + "-" + end + ": " + e, e);
        }
        if (line == null || line.toString().isBlank()) {
            throw new IllegalArgumentException("command: the function returned " + Options.show(line) + " for frames "
                    + start + "-" + end + "; it must return the command line to run");
        }
        return line.toString();
    }
}
