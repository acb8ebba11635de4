package io.jobline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command in a child process and captures what it printed; a child that hangs is killed. */
final class ChildJvm {

    /** What a finished child left behind. */
    static final class Result {
        final int exitCode;
        final String output;
        final long nanos;

        Result(int exitCode, String output, long nanos) {
            this.exitCode = exitCode;
            this.output = output;
            this.nanos = nanos;
        }

        /** @return the output, or an exception saying what the child printed if it did not exit 0 */
        String requireSuccess(List<String> command) {
            if (exitCode != 0) {
                throw new IllegalStateException("child exited " + exitCode + ": " + String.join(" ", command)
                        + System.lineSeparator() + output);
            }
            return output;
        }
    }

    private ChildJvm() {
    }

    /** @return {@code java} of the running JDK, so children run on the same one */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return a command that runs {@code mainClass} on this JVM's class path with {@code jvmOptions} */
    static List<String> javaCommand(List<String> jvmOptions, String classPath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code command} with stderr merged into stdout, timing it from start to exit.
     *
     * @throws IllegalStateException if it runs longer than {@code timeoutSeconds} (it is killed)
     */
    static Result run(List<String> command, Path directory, long timeoutSeconds) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        // The output is read on another thread so a chatty child never blocks on a full pipe.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(could not read output: ").append(e).append(')');
            }
        }, "child-output");
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join();
            throw new IllegalStateException("child ran longer than " + timeoutSeconds + " s and was killed: "
                    + String.join(" ", command) + System.lineSeparator() + output);
        }
        long nanos = System.nanoTime() - start;
        reader.join();
        return new Result(process.exitValue(), output.toString(), nanos);
    }
}
