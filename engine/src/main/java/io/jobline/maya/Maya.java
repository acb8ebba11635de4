package io.jobline.maya;

import io.jobline.farm.Farm;
import io.jobline.farm.FarmSettings;
import io.jobline.farm.Frames;
import io.jobline.function.Functions;
import io.jobline.future.JobFuture;
import io.jobline.util.Items;
import io.jobline.util.Options;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maya on a farm or on this machine ({@code maya(farm: f, scene: 'shot.ma', version: 2025)} in the DSL): render
 * ranges ({@link #render}: {@code Render} per chunk of frames) and Python snippets ({@link #python}: {@code mayapy}
 * running Maya standalone on the scene, one value per item), the work of qbfutures' Maya executor and of map.
 *
 * <p><b>When it is made</b> it finds Maya ({@link MayaInstall}: {@code MAYA_LOCATION}, else the version's default
 * install folder), checks the scene and workspace, copies the scene with {@code tempCopy: true}
 * ({@code <scene dir>/.jobline/<name>.<UTC timestamp><ext>}) and writes its folder in workDir
 * ({@link MayaFolder}: the environment — with {@code cloneEnv: true} the caller's, plus {@code env:} — and the
 * scripts the work items run). Everything wrong with the options is an {@link IllegalArgumentException} naming the
 * option, the value and what is valid, before anything is submitted.
 *
 * <p><b>Jobs.</b> {@link #render} and {@link #python} submit ONE job (on a farm, one command job of the farm layer
 * with a task per work item) and return a {@link MayaJob} at once; its futures complete as work items end. Thread-safe.
 * {@link #close()} cancels what has not ended (on a farm given by the caller only this Maya's jobs), and removes
 * the folder in workDir unless something failed; scene copies are kept.
 */
public final class Maya implements AutoCloseable {

    static final Set<String> OPTIONS = Set.of("farm", "scene", "workspace", "version", "cloneEnv", "tempCopy", "env",
            "workers", "workDir");
    private static final Set<String> RENDER_OPTIONS = Set.of("frames", "chunk", "renderer", "camera", "layer", "name",
            "extra");
    private static final Set<String> PYTHON_OPTIONS = Set.of("chunk", "name");
    private static final Pattern VERSION = Pattern.compile("\\d{4}(\\.\\d+)?");
    private static final Pattern MAYA_NAME = Pattern.compile("[A-Za-z0-9_:|.-]+");

    private final Path scene;
    private final Path original;
    private final Path workspace;
    private final MayaInstall install;
    private final MayaFolder folder;
    private final Runner runner;
    private final PythonJobs python;
    private volatile boolean anyFailed;

    private Maya(Path original, Path scene, Path workspace, MayaInstall install, MayaFolder folder, Runner runner) {
        this.original = original;
        this.scene = scene;
        this.workspace = workspace;
        this.install = install;
        this.folder = folder;
        this.runner = runner;
        this.python = new PythonJobs(this);
    }

    /**
     * @param options {@code farm:} a farm ({@code slurm(...)}, {@code qube(...)}), a farm's name, or {@code 'process'}
     *                (default: Maya processes on this machine, {@code workers:} at once); {@code scene:} the
     *                {@code .ma}/{@code .mb} file (required); {@code workspace:} the Maya project folder (default:
     *                the nearest folder above the scene holding {@code workspace.mel}, else none); {@code version:}
     *                e.g. {@code 2025}; {@code cloneEnv:} pass the caller's environment on (default true);
     *                {@code tempCopy:} work on a timestamped copy of the scene (default false); {@code env:} more
     *                variables (may hold {@code MAYA_LOCATION}); {@code workDir:} where the job files go (default:
     *                the farm's)
     * @throws IllegalArgumentException naming the option, the value and what is valid
     */
    public static Maya create(Map<String, ?> options) {
        Map<String, ?> all = options == null ? Map.of() : options;
        Options.requireKnown(all, OPTIONS, "maya option");
        Path original = scene(all.get("scene"));
        Path workspace = workspace(all.get("workspace"), original);
        Map<String, String> env = env(all.get("env"));
        String version = version(all.get("version"));
        boolean cloneEnv = Options.bool("cloneEnv", all.get("cloneEnv"), true);
        boolean tempCopy = Options.bool("tempCopy", all.get("tempCopy"), false);
        MayaInstall install = MayaInstall.find(env, version);
        Object farm = all.get("farm") == null ? "process" : all.get("farm");
        if (!(farm instanceof Farm) && !(farm instanceof CharSequence)) {
            throw new IllegalArgumentException("farm: must be a farm (slurm(...), qube(...)), a farm's name, or"
                    + " 'process' (Maya processes on this machine), got " + Options.show(farm));
        }
        boolean local = "process".equals(farm.toString());
        if (!local && all.get("workers") != null) {
            throw new IllegalArgumentException("workers: only for farm: 'process'; a farm runs as many as it has slots");
        }
        Farm theFarm = local ? null : farm instanceof Farm ? (Farm) farm : Farm.create(farm.toString(), Map.of());
        Path workDir = all.get("workDir") != null ? FarmSettings.of(Map.of("workDir", all.get("workDir"))).workDir()
                : theFarm != null ? theFarm.getEngine().settings().workDir() : FarmSettings.defaultWorkDir();
        Map<String, String> environment = new LinkedHashMap<>();
        if (cloneEnv) {
            System.getenv().forEach((key, value) -> {
                if (MayaFolder.passedOn(key)) {
                    environment.put(key, value);
                }
            });
        }
        environment.putAll(env);
        environment.put("MAYA_LOCATION", install.location().toString());
        try {
            Path scene = tempCopy ? SceneCopy.of(original, Instant.now()) : original;
            MayaFolder folder = MayaFolder.create(workDir, environment);
            Runner runner = local ? new LocalRunner(all.get("workers") == null ? Runtime.getRuntime().availableProcessors()
                    : Options.intAtLeast("workers", all.get("workers"), 1), folder)
                    : new FarmRunner(theFarm, !(farm instanceof Farm));
            return new Maya(original, scene, workspace, install, folder, runner);
        } catch (IOException e) {
            throw new UncheckedIOException("maya: cannot prepare the scene copy or the job folder: " + e.getMessage(), e);
        }
    }

    /** @return the scene the work items open: the copy with {@code tempCopy: true}, else the scene itself */
    public Path getScene() {
        return scene;
    }

    /** @return the scene as given (absolute) */
    public Path getOriginalScene() {
        return original;
    }

    /** @return the workspace (project) folder, or {@code null} */
    public Path getWorkspace() {
        return workspace;
    }

    /** @return the Maya version asked for, or {@code null} (then MAYA_LOCATION's) */
    public String getVersion() {
        return install.version();
    }

    /** @return the Maya install folder the work items run from */
    public Path getLocation() {
        return install.location();
    }

    /** @return this Maya's folder in workDir (env.sh, run.sh, bootstrap.py, the jobs' files) */
    public Path getFolder() {
        return folder.dir();
    }

    /** @return where the work items run: {@code process}, {@code slurm} … */
    public String getFarm() {
        return runner.name();
    }

    /**
     * Renders: ONE job, one work item per chunk of frames, each running
     * {@code Render -r RENDERER -s START -e END [-cam CAMERA] [-rl LAYER] [EXTRA…] [-proj WORKSPACE] SCENE}.
     *
     * @param options {@code frames:} (required: {@code 1..100}, a list, or {@code '1-100'}), {@code chunk:} frames
     *                per work item (default 1), {@code renderer:} (default {@code file}: the scene's own),
     *                {@code camera:}, {@code layer:}, {@code extra:} more Render flags (a list), {@code name:}, and
     *                the farm's job options ({@code cpus:}, {@code partition:}, {@code retries:} …)
     * @return the job; each future's result is its chunk's frames
     * @throws IllegalArgumentException for a bad option, naming it
     */
    public MayaJob render(Map<String, ?> options) {
        Map<String, Object> all = new LinkedHashMap<>(options == null ? Map.of() : options);
        Set<String> valid = new LinkedHashSet<>(RENDER_OPTIONS);
        valid.addAll(runner.jobOptionNames());
        Options.requireKnown(all, valid, "maya render option");
        if (all.get("frames") == null) {
            throw new IllegalArgumentException("frames: a render needs its frames, e.g. render(frames: 1..100, chunk: 10)");
        }
        List<Integer> frames = Frames.parse(all.remove("frames"));
        int chunk = chunk(all.remove("chunk"));
        String name = name(all.remove("name"), "render");
        List<String> flags = new ArrayList<>();
        flags.add("-r");
        flags.add(word("renderer", all.remove("renderer"), "file"));
        String camera = word("camera", all.remove("camera"), null);
        String layer = word("layer", all.remove("layer"), null);
        List<String> extra = extra(all.remove("extra"));
        String render = install.render().toString();
        List<Part> parts = submit(name, frames, chunk, all, (start, end) -> {
            List<String> line = new ArrayList<>(List.of(folder.runScript().toString(), render));
            line.addAll(flags);
            line.addAll(List.of("-s", start.toString(), "-e", end.toString()));
            if (camera != null) {
                line.addAll(List.of("-cam", camera));
            }
            if (layer != null) {
                line.addAll(List.of("-rl", layer));
            }
            if (!scene.equals(original) && !extra.contains("-im")) {
                // Image names come from the scene's name: the copy's would carry its timestamp.
                String file = original.getFileName().toString();
                line.addAll(List.of("-im", file.substring(0, file.lastIndexOf('.'))));
            }
            line.addAll(extra);
            if (workspace != null) {
                line.addAll(List.of("-proj", workspace.toString()));
            }
            line.add(scene.toString());
            return shellLine(line);
        });
        List<JobFuture<Object>> futures = new ArrayList<>();
        for (Part part : parts) {
            JobFuture<Object> future = future(name, part, part.workId);
            future.setCanceller(interrupt -> part.cancel());
            part.done.whenComplete((ok, failure) -> {
                if (failure == null) {
                    future.complete(Frames.parse(part.start + "-" + part.end));
                } else {
                    settleFailure(future, failure);
                }
            });
            futures.add(future);
        }
        return new MayaJob(name, parts, futures);
    }

    /** {@code python(items) { item -> "cmds.nodeType('$item')" }}: see {@link #python(Map, Object, Object)}. */
    public MayaJob python(Object items, Object snippet) {
        return python(null, items, snippet);
    }

    /** {@code python("cmds.ls(type='mesh')")}: one snippet, one future. */
    public MayaJob python(String snippet) {
        return python(null, java.util.Collections.singletonList(null), snippet);
    }

    /** {@code python("cmds.ls(type='mesh')", name: 'meshes')}. */
    public MayaJob python(Map<String, ?> options, String snippet) {
        return python(options, java.util.Collections.singletonList(null), snippet);
    }

    /**
     * Runs a Python snippet per item inside Maya: ONE job, each work item starting {@code mayapy}, initializing
     * Maya standalone, setting the workspace, opening the scene, then evaluating its items' snippets. A snippet is
     * an expression (its value is the result) or statements that set {@code result}; it sees {@code cmds},
     * {@code mel}, {@code maya} and {@code item} (the item, as JSON turns it into Python). Values come back as JSON
     * (strings, numbers, booleans, lists, maps, null).
     *
     * @param options {@code chunk:} items per work item, i.e. per Maya session (default 1), {@code name:}, and the
     *                farm's job options
     * @param items   an Iterable, Iterator, Stream or array
     * @param snippet a function of the item returning the snippet, or one snippet (a String) for every item
     * @return the job; future {@code i} is item {@code i}'s value, or fails with a {@link MayaFailure} carrying the
     * Python traceback
     * @throws IllegalArgumentException for a bad option, no items, or a function that returns no snippet
     */
    public MayaJob python(Map<String, ?> options, Object items, Object snippet) {
        Map<String, Object> all = new LinkedHashMap<>(options == null ? Map.of() : options);
        Set<String> valid = new LinkedHashSet<>(PYTHON_OPTIONS);
        valid.addAll(runner.jobOptionNames());
        Options.requireKnown(all, valid, "maya python option");
        int chunk = chunk(all.remove("chunk"));
        String name = name(all.remove("name"), "python");
        List<Object> list = new ArrayList<>();
        for (Iterator<Object> it = Items.iterator(items, "python items"); it.hasNext(); ) {
            list.add(it.next());
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("python: no items given; give a list of items (nodes …) and a snippet");
        }
        return python.submit(name, list, snippet(snippet), chunk, all);
    }

    /** Cancels what has not ended; closes the farm if Jobline made it; removes the folder in workDir unless a job failed. */
    @Override
    public void close() {
        runner.close();
        if (!anyFailed) {
            folder.delete();
        }
    }

    // ---- for PythonJobs ----

    MayaFolder folder() {
        return folder;
    }

    Path workspaceOrNull() {
        return workspace;
    }

    Path mayapy() {
        return install.mayapy();
    }

    List<Part> submit(String name, List<Integer> frames, int chunk, Map<String, Object> options,
                      java.util.function.BiFunction<Integer, Integer, String> command) {
        return runner.submit(name, frames, chunk, options, command);
    }

    /** @return a future for {@code part}: its ids now, its node when it runs */
    static JobFuture<Object> future(String name, Part part, String workId) {
        JobFuture<Object> future = new JobFuture<>(name);
        future.setJobId(part.jobId);
        future.setWorkId(workId);
        part.onRunning(() -> {
            future.setNode(part.node.get());
            future.markRunning();
        });
        part.done.whenComplete((ok, failure) -> future.setNode(part.node.get()));
        return future;
    }

    /** Fails or cancels {@code future} as its work item ended; a failure keeps the folder (its logs) at close. */
    void settleFailure(JobFuture<Object> future, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof java.util.concurrent.CancellationException) {
            future.cancel(false);
        } else {
            anyFailed = true;
            future.completeExceptionally(cause);
        }
    }

    static String shellLine(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(MayaFolder.quote(word));
        }
        return line.toString();
    }

    // ---- options ----

    private static Path scene(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("scene: say which Maya scene to open, e.g. maya(scene: 'shot.ma', ...)");
        }
        if (!(value instanceof CharSequence || value instanceof Path || value instanceof File)) {
            throw new IllegalArgumentException("scene: must be the path of a .ma or .mb file, got " + Options.show(value));
        }
        Path path = Paths.get(value.toString()).toAbsolutePath().normalize();
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!file.endsWith(".ma") && !file.endsWith(".mb")) {
            throw new IllegalArgumentException("scene: must be a Maya scene (.ma or .mb), got " + Options.show(value.toString()));
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("scene: no such file " + Options.show(value.toString())
                    + (value.toString().equals(path.toString()) ? "" : " (" + path + ")"));
        }
        return path;
    }

    private static Path workspace(Object value, Path scene) {
        if (value == null) {
            for (Path dir = scene.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("workspace.mel"))) {
                    return dir;
                }
            }
            return null;
        }
        if (!(value instanceof CharSequence || value instanceof Path || value instanceof File)) {
            throw new IllegalArgumentException("workspace: must be the path of a Maya project folder, got "
                    + Options.show(value));
        }
        Path path = Paths.get(value.toString()).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("workspace: no such folder " + Options.show(value.toString()));
        }
        return path;
    }

    private static String version(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof Number && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())
                ? Long.toString(((Number) value).longValue()) : value.toString();
        if (!(value instanceof Number || value instanceof CharSequence) || !VERSION.matcher(text).matches()) {
            throw new IllegalArgumentException("version: must be a Maya version such as 2025 or '2024', got "
                    + Options.show(value));
        }
        return text;
    }

    private static Map<String, String> env(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("env: must be a map of variable names to values, got " + Options.show(value));
        }
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((key, val) -> {
            if (key == null || val == null || !key.toString().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("env: names must be variable names (letters, digits, _) and values "
                        + "not null, got " + Options.show(key) + " = " + Options.show(val));
            }
            env.put(key.toString(), val.toString());
        });
        return env;
    }

    private static int chunk(Object value) {
        return value == null ? 1 : Options.intAtLeast("chunk", value, 1);
    }

    private String name(Object value, String kind) {
        return value == null ? kind + " " + original.getFileName() : value.toString();
    }

    private static String word(String option, Object value, String otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof CharSequence) || !MAYA_NAME.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException(option + ": must be a Maya name (letters, digits, _ : | . -), got "
                    + Options.show(value));
        }
        return value.toString();
    }

    private static List<String> extra(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> flags = new ArrayList<>();
        if (value instanceof CharSequence) {
            flags.addAll(List.of(value.toString().trim().split("\\s+")));
        } else if (value instanceof java.util.Collection) {
            ((java.util.Collection<?>) value).forEach(flag -> flags.add(String.valueOf(flag)));
        } else {
            throw new IllegalArgumentException("extra: must be a list of Render flags, e.g. ['-x', '1920'], got "
                    + Options.show(value));
        }
        if (!flags.isEmpty() && !flags.get(0).startsWith("-")) {
            throw new IllegalArgumentException("extra: Render flags start with '-', got " + Options.show(flags.get(0)));
        }
        return flags;
    }

    private static io.jobline.function.JobFunction snippet(Object snippet) {
        if (snippet instanceof CharSequence) {
            String text = snippet.toString();
            return args -> text;
        }
        if (snippet == null) {
            throw new IllegalArgumentException("python: give a snippet, a String or a function of the item returning"
                    + " one, e.g. python(nodes) { node -> \"cmds.nodeType('$node')\" }");
        }
        return Functions.of(snippet);
    }
}
