package io.jobline.farm.qube

import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The project's stand-in Qube (engine/src/test/qube-standin, python3) for the Qube specs: a fresh state folder and
 * workDir per use, and the farm options that put the stand-in first on the PATH of the farm's commands only
 * ({@code commandEnv}), so nothing global changes.
 */
class QubeStandIn {

    final Path state
    final Path workDir

    QubeStandIn(String name) {
        Path base = Paths.get('target', 'qube', name + '-' + System.nanoTime()).toAbsolutePath()
        state = Files.createDirectories(base.resolve('state'))
        workDir = Files.createDirectories(base.resolve('work'))
    }

    /** @return the folder holding qbsub, qbjobs … */
    static Path bin() {
        Path dir = Paths.get('').toAbsolutePath()
        while (dir != null && !Files.isDirectory(dir.resolve('engine/src/test/qube-standin/bin'))) {
            dir = dir.parent
        }
        assert dir != null: 'engine/src/test/qube-standin/bin not found above ' + Paths.get('').toAbsolutePath()
        dir.resolve('engine/src/test/qube-standin/bin')
    }

    /** @return the environment of the farm's commands: the stand-in first on the PATH, its state folder */
    Map<String, String> env(Map<String, String> more = [:]) {
        [PATH: bin().toString() + File.pathSeparator + System.getenv('PATH'), QUBE_STANDIN_STATE: state.toString()] + more
    }

    /** @return farm options for this stand-in */
    Map<String, Object> options(Map<String, ?> more = [:]) {
        [workDir: workDir.toString(), pollInterval: 0.3, commandEnv: env()] + more
    }

    /** @return the environment of the farm's commands, for a job script's own options */
    Map<String, String> getCommandEnv() {
        env()
    }

    /** Runs one of the stand-in's tools against this state folder. */
    String run(String tool, String... args) {
        def pb = new ProcessBuilder([bin().resolve(tool).toString()] + args.toList()).redirectErrorStream(true)
        pb.environment().putAll(env())
        def p = pb.start()
        String out = p.inputStream.text
        p.waitFor()
        out
    }

    /** @return the stand-in's state of job {@code id} (its job.json) */
    Map job(String id) {
        new JsonSlurper().parse(state.resolve("jobs/$id/job.json").toFile()) as Map
    }

    /** @return every job the stand-in has, by id */
    Map<String, Map> jobs() {
        Path jobs = state.resolve('jobs')
        Files.isDirectory(jobs) ? Files.list(jobs).withCloseable { s -> s.toList() }.collectEntries { [it.fileName.toString(), job(it.fileName.toString())] } : [:]
    }

    /** @return whether a process is alive (running or a zombie not reaped: both count as not gone) */
    static boolean alive(long pid) {
        pid > 0 && Files.exists(Paths.get("/proc/$pid")) && !Files.readString(Paths.get("/proc/$pid/stat")).split(' ')[2].equals('Z')
    }

    /** @return the pids of the stand-in's processes still alive for its jobs (supervisors and work) */
    List<Long> livePids() {
        jobs().values().collectMany { j -> [j.supervisor as long] + j.work*.pid.collect { it as long } }.findAll { alive(it) }
    }
}
