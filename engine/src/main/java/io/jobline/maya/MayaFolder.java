package io.jobline.maya;

import io.jobline.farm.WorkDirFiles;
import io.jobline.remote.PrivateFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The folder of one {@link Maya} in workDir ({@code maya-<time>-<pid>-<random>/}, 0700, files 0600), which every node
 * must see: {@code env.sh} (the environment the work items get), {@code run.sh} (sources it, then runs its
 * arguments: {@code run.sh MAYAPY ARGS…} or {@code run.sh RENDER ARGS…}), {@code bootstrap.py} (Maya standalone for
 * Python snippets), and one folder per job ({@code python-1/} with {@code job.json} and a result file per item,
 * {@code local-2/} with the logs of local work items).
 */
final class MayaFolder {

    /** Variables of this host or this process, never passed on: the node has its own. */
    private static final Set<String> LOCAL = Set.of("_", "PWD", "OLDPWD", "SHLVL", "HOSTNAME", "HOST", "PS1",
            "JOBLINE_DEPTH", "JOBLINE_TASK_INDEX", "QBJOBID", "QBSUBID", "QBLVL", "TMUX", "TMUX_PANE");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final AtomicInteger jobs = new AtomicInteger();

    private MayaFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the folder and writes its scripts.
     *
     * @param environment what {@code env.sh} exports: the caller's environment (cloneEnv) and {@code env:}
     */
    static MayaFolder create(Path workDir, Map<String, String> environment) throws IOException {
        String name = "maya-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + ProcessHandle.current().pid() + "-" + Integer.toHexString(RANDOM.nextInt(0x10000));
        Path dir = workDir.resolve(name);
        PrivateFiles.createFolders(dir);
        MayaFolder folder = new MayaFolder(dir);
        StringBuilder env = new StringBuilder("# The environment of this Maya's work items (Jobline; see docs/maya.md).\n");
        new TreeMap<>(environment).forEach((key, value) -> {
            if (NAME.matcher(key).matches()) {
                env.append("export ").append(key).append('=').append(quote(value)).append('\n');
            }
        });
        PrivateFiles.write(dir.resolve("env.sh"), env.toString().getBytes(StandardCharsets.UTF_8));
        String run = "#!/bin/bash\n# Written by Jobline: a Maya work item; the environment, then the command given.\n"
                + ". " + quote(dir.resolve("env.sh").toString()) + " || exit 70\nexec \"$@\"\n";
        PrivateFiles.write(folder.runScript(), run.getBytes(StandardCharsets.UTF_8));
        folder.runScript().toFile().setExecutable(true, true);
        try (InputStream in = MayaFolder.class.getResourceAsStream("bootstrap.py")) {
            if (in == null) {
                throw new IOException("bootstrap.py is missing from Jobline's jar");
            }
            PrivateFiles.write(folder.bootstrap(), in.readAllBytes());
        }
        return folder;
    }

    /** @return whether the caller's variable {@code name} is passed on with cloneEnv */
    static boolean passedOn(String name) {
        return !LOCAL.contains(name) && !name.startsWith("SLURM_") && !name.startsWith("BASH_FUNC_");
    }

    Path dir() {
        return dir;
    }

    Path runScript() {
        return dir.resolve("run.sh");
    }

    Path bootstrap() {
        return dir.resolve("bootstrap.py");
    }

    /** @return a new folder for one job, {@code <kind>-N} */
    Path newJob(String kind) throws IOException {
        Path job = dir.resolve(kind + "-" + jobs.incrementAndGet());
        PrivateFiles.createFolders(job);
        return job;
    }

    void delete() {
        WorkDirFiles.deleteTree(dir);
    }

    /** @return {@code text} as one single-quoted bash word */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
