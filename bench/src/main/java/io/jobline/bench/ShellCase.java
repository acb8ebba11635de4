package io.jobline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jobline.shell.repl.Evaluation;
import io.jobline.shell.repl.Evaluator;

/**
 * Case 7: the shell. (a) Wall time of {@code jobline shell} on a pseudo-terminal ({@code script}), from start through
 * the first prompt to the exit that {@code :exit}, typed ahead, asks for, against {@code jobline run} of a trivial
 * script; (b) the time to evaluate a trivial input ({@code x = x + 1}) in a warm session, in process, median of many.
 */
final class ShellCase {

    static final String NAME = "9. shell";
    /** Measured evaluations in a full run (as many again warm up); a quick run does a few. */
    private static final int EVALUATIONS = 1000;

    private ShellCase() {
    }

    static List<Row> run(int rounds, PrintStream progress) throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(evaluation(rounds > 1 ? EVALUATIONS : 20, progress));
        rows.addAll(startUp(rounds, progress));
        return rows;
    }

    private static Row evaluation(int evaluations, PrintStream progress) {
        progress.println("  case 9: evaluation of a trivial input");
        Evaluator evaluator = new Evaluator();
        evaluator.evaluate("x = 0");
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 2 * evaluations; i++) {
            long start = System.nanoTime();
            Evaluation evaluation = evaluator.evaluate("x = x + 1");
            long nanos = System.nanoTime() - start;
            if (evaluation.failed()) {
                throw new IllegalStateException("the trivial input failed", evaluation.failure());
            }
            if (i >= evaluations) { // the first half warms up
                millis.add(nanos / 1e6);
            }
        }
        Summary summary = new Summary(millis, "ms", false);
        Summary limit = Summary.of("ms", false, 20.0);
        return Row.compared(NAME, "evaluate 'x = x + 1' (warm, in process) vs 20 ms", summary, "20 ms", limit,
                Target.atMost(1.0));
    }

    private static List<Row> startUp(int rounds, PrintStream progress) throws Exception {
        String classPath = System.getProperty("java.class.path");
        Path dir = Files.createTempDirectory("jobline-bench-shell");
        Path script = dir.resolve("trivial.groovy");
        Files.writeString(script, StartupCase.SCRIPT, StandardCharsets.UTF_8);
        if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
            return List.of(Row.skipped(NAME, "jobline shell start-up", "no /usr/bin/script for a pseudo-terminal"));
        }
        List<String> run = ChildJvm.javaCommand(List.of(), classPath, "io.jobline.shell.Main", "run",
                script.toString());
        String java = String.join(" ", ChildJvm.javaCommand(List.of(), "'" + classPath + "'",
                "io.jobline.shell.Main", "shell"));
        List<String> shell = List.of("/usr/bin/script", "-qec", "env TERM=xterm JOBLINE_HOME='" + dir + "' " + java,
                "/dev/null");
        List<Double> runMillis = new ArrayList<>();
        List<Double> shellMillis = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            progress.printf("  case 9: start-up %s%n", round == 0 ? "warm-up" : "round " + round + "/" + rounds);
            ChildJvm.Result result = ChildJvm.run(run, dir, 120);
            result.requireSuccess(run);
            double shellTime = typedAhead(shell, dir, ":exit\n");
            if (round > 0) {
                runMillis.add(result.nanos / 1e6);
                shellMillis.add(shellTime);
            }
        }
        Summary reference = new Summary(runMillis, "ms", false);
        return List.of(Row.of(NAME, "jobline run trivial.groovy", reference),
                Row.compared(NAME, "jobline shell on a pty: start, first prompt, :exit", new Summary(shellMillis,
                        "ms", false), "jobline run trivial.groovy", reference, Target.atMost(1.0)));
    }

    /** @return milliseconds from start to exit of {@code command}, given {@code input} on standard input */
    private static double typedAhead(List<String> command, Path dir, String input) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("jobline shell did not exit after :exit: " + command);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("jobline shell exited " + process.exitValue() + ": " + command);
        }
        return millis;
    }
}
