package io.jobline.shell

import java.util.concurrent.TimeUnit

/** Runs a class of this class path in a child JVM, as the {@code jobline} launcher does, and collects what it printed. */
class ChildJvm {

    static final String JAVA = "${System.getProperty('java.home')}/bin/java"
    static final String CLASS_PATH = System.getProperty('java.class.path')
    /** The flags the {@code jobline} launcher gives the JVM before JAVA_OPTS (JobOutOfMemorySpec checks they match). */
    static final List<String> LAUNCHER_FLAGS = ['-XX:+ExitOnOutOfMemoryError']

    /** What a child printed and how it ended. */
    static class Result {
        String out
        String err
        int code

        @Override
        String toString() { "exit $code\n--- stdout\n$out--- stderr\n$err" }
    }

    /**
     * @param jvmArgs  e.g. {@code -Duser.home=…}
     * @param args     main class, then its arguments
     * @param stdin    what the child reads from standard input (none: an empty stream)
     */
    static Result run(File dir, List<String> jvmArgs, List<String> args, String stdin = '') {
        def process = new ProcessBuilder([JAVA, '-cp', CLASS_PATH] + jvmArgs + args).directory(dir).start()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def readers = [process.consumeProcessOutputStream(out), process.consumeProcessErrorStream(err)]
        process.outputStream.withStream { it.write(stdin.getBytes('UTF-8')) }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.descendants().forEach { it.destroyForcibly() }
            process.destroyForcibly()
            throw new AssertionError("${args} did not end within 180 s:\n${out}\n${err}")
        }
        readers*.join()
        new Result(out: out.toString('UTF-8'), err: err.toString('UTF-8'), code: process.exitValue())
    }

    /** Runs {@code jobline ARGS} as the launcher does: its flags, then {@code jvmArgs} (JAVA_OPTS). */
    static Result jobline(File dir, List<String> jvmArgs = [], String... args) {
        run(dir, LAUNCHER_FLAGS + jvmArgs, ['io.jobline.shell.Main', *args])
    }
}
