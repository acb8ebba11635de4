package io.jobline.farm

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The real local Slurm cluster the farm specs run on (started by farm/slurm-local). On a developer machine without
 * one the specs are skipped, saying why; with CI=true or JOBLINE_REQUIRE_SLURM=1 a missing cluster is an error.
 */
class SlurmCluster {

    static final String HOW = 'start one with `sudo farm/slurm-local start` (Debian/Ubuntu; see docs/farms.md)'
    private static Boolean up

    /** @return whether the specs can run; throws when they must but cannot */
    static synchronized boolean usable() {
        if (up == null) {
            up = probe()
            if (!up) {
                boolean required = System.getenv('CI') == 'true' || System.getenv('JOBLINE_REQUIRE_SLURM') == '1'
                String why = "no Slurm cluster is up (sinfo shows no idle node of farm/slurm-local); $HOW"
                if (required) {
                    throw new IllegalStateException("the Slurm specs must run here (CI=true or JOBLINE_REQUIRE_SLURM=1)"
                            + " but $why")
                }
                System.err.println("SKIPPED Slurm specs: $why")
            }
        }
        up
    }

    /** @return the checkout's root (farm/slurm-local is there) */
    static Path root() {
        Path dir = Paths.get('').toAbsolutePath()
        while (dir != null && !Files.exists(dir.resolve('farm/slurm-local'))) {
            dir = dir.parent
        }
        dir
    }

    /** Runs farm/slurm-local with {@code args}, failing on a non-zero exit. */
    static String script(String... args) {
        def process = new ProcessBuilder([root().resolve('farm/slurm-local').toString()] + args.toList())
                .redirectErrorStream(true).start()
        String out = process.inputStream.text
        assert process.waitFor() == 0: "farm/slurm-local ${args.join(' ')} failed:\n$out"
        out
    }

    /** Waits (at most 90 s) until both nodes of farm/slurm-local are up again. */
    static void awaitNodesIdle() {
        long deadline = System.nanoTime() + 90_000_000_000L
        while (!probeBoth()) {
            assert System.nanoTime() < deadline: 'the nodes did not come back within 90 s:\n' + 'sinfo -N'.execute().text
            "scontrol update nodename=jl-node2 state=resume".execute().waitFor()
            Thread.sleep(500)
        }
    }

    private static boolean probeBoth() {
        def out = 'sinfo --noheader --Node --format=%N|%T'.execute().text.readLines().unique()
        out.size() == 2 && out.every { it =~ /\|(idle|mixed|allocated)$/ }
    }

    /** A fresh workDir under target/, so each spec's files are its own. */
    static Path workDir(String name) {
        Path dir = Paths.get('target', 'farm-work', name + '-' + System.nanoTime()).toAbsolutePath()
        Files.createDirectories(dir)
        dir
    }

    private static boolean probe() {
        try {
            def process = new ProcessBuilder('sinfo', '--noheader', '--Node', '--format=%N %T').redirectErrorStream(true).start()
            String out = process.inputStream.text
            return process.waitFor() == 0 && out.readLines().any { it =~ /(idle|mixed|allocated)/ }
        } catch (IOException ignored) {
            return false
        }
    }
}
