package io.jobline.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Case 5: wall time from process start to exit for a trivial script, run by Groovy's own {@code GroovyMain}, by
 * {@code jobline run} on the same class path, and by the {@code ./jobline} launcher (which adds bash and its
 * is-the-build-fresh check). One discarded round first, so that every variant starts from a warm file cache.
 */
final class StartupCase {

    static final String NAME = "5. start-up";
    static final String SCRIPT = "println((1..3).collect { it * 2 })\n";
    static final String EXPECTED = "[2, 4, 6]";
    private static final String JOBLINE_MAIN = "io.jobline.shell.Main";

    private StartupCase() {
    }

    static List<Row> run(int rounds, Path launcher, PrintStream progress) throws Exception {
        String classPath = System.getProperty("java.class.path");
        Path dir = Files.createTempDirectory("jobline-bench-startup");
        Path script = dir.resolve("trivial.groovy");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);

        String groovyMain = "GroovyMain, same class path";
        String joblineMain = "jobline run (java -cp, same class path)";
        String joblineLauncher = "./jobline run (launcher script)";
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put(groovyMain, ChildJvm.javaCommand(List.of(), classPath, "groovy.ui.GroovyMain",
                script.toString()));
        boolean hasMain = onClassPath(JOBLINE_MAIN);
        if (hasMain) {
            commands.put(joblineMain, ChildJvm.javaCommand(List.of(), classPath, JOBLINE_MAIN, "run",
                    script.toString()));
        }
        Path absoluteLauncher = launcher.toAbsolutePath();
        boolean hasLauncher = Files.isExecutable(absoluteLauncher);
        if (hasLauncher) {
            commands.put(joblineLauncher, List.of(absoluteLauncher.toString(), "run", script.toString()));
        }

        Map<String, List<Double>> millis = new LinkedHashMap<>();
        commands.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
        List<String> names = new ArrayList<>(commands.keySet());
        for (int round = 0; round <= rounds; round++) {
            progress.printf("  case 5: %s%n", round == 0 ? "warm-up" : "round " + round + "/" + rounds);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((round + i) % names.size());
                List<String> command = commands.get(name);
                // The warm-up may include the launcher rebuilding a stale checkout: give it time.
                ChildJvm.Result result = ChildJvm.run(command, dir, round == 0 ? 600 : 120);
                String output = result.requireSuccess(command);
                if (!output.contains(EXPECTED)) {
                    throw new IllegalStateException(name + " printed no " + EXPECTED + ":\n" + output);
                }
                if (round > 0) {
                    millis.get(name).add(result.nanos / 1e6);
                }
            }
        }
        deleteQuietly(script, dir);

        Summary reference = new Summary(millis.get(groovyMain), "ms", false);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(NAME, groovyMain, reference));
        if (hasMain) {
            rows.add(Row.compared(NAME, joblineMain, new Summary(millis.get(joblineMain), "ms", false), groovyMain,
                    reference, Target.atMost(1.0)));
        } else {
            rows.add(Row.skipped(NAME, joblineMain, JOBLINE_MAIN + " is not on the class path (the CLI is not built)"));
        }
        if (hasLauncher) {
            rows.add(Row.compared(NAME, joblineLauncher, new Summary(millis.get(joblineLauncher), "ms", false),
                    groovyMain, reference, Target.atMost(1.0)));
        } else {
            rows.add(Row.skipped(NAME, joblineLauncher, "no executable launcher at " + absoluteLauncher));
        }
        return rows;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, StartupCase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path... paths) {
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (Exception e) {
                // A temporary file left behind is harmless.
            }
        }
    }
}
