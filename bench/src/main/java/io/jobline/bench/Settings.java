package io.jobline.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What to run and how hard, from the command line. Immutable. */
final class Settings {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: bench/run [--quick] [--cases 1,2,3,4,5,6,7,8,9,10] [--warmup N] [--rounds N] [--items N]",
            "                 [--scale-items N] [--tasks N] [--out FILE] [--jobline PATH]",
            "  --quick        tiny sizes and 1+2 rounds: checks the harness, measures nothing",
            "  --cases        which cases to run (default: all)",
            "  --warmup       discarded rounds per case (default 3)",
            "  --rounds       measured rounds per case (default 7)",
            "  --items        items per round in cases 1, 2 and the executor map (default 1000000)",
            "  --scale-items  items streamed in case 4 (default 10000000)",
            "  --tasks        submits per round in case 3 (default 100000)",
            "  --out          where to write the Markdown table (default bench/results/latest.md)",
            "  --jobline      the jobline launcher for case 5 (default ./jobline)",
            "case 6 (process backend) has fixed sizes, about a minute in all; case 7 (process-backend stages) runs",
            "10,000 items per run; case 8 (Slurm, skipped without a cluster: farm/slurm-local) 100 tasks per round; case 9",
            "(the shell) starts it on a pty and times trivial inputs; case 10 (GPars, parallel streams) runs a",
            "200,000-item pipeline and a 20,000-item CPU-bound map;",
            "--quick shrinks them");

    Set<Integer> cases = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    int warmup = 3;
    int rounds = 7;
    int items = 1_000_000;
    int scaleItems = 10_000_000;
    int scaleRounds = 3;
    int tasks = 100_000;
    int startupRounds = 5;
    ProcessCases.Sizes process = new ProcessCases.Sizes(2_000, 20_000, 48, 5);
    int remoteStageItems = 10_000;
    int farmTasks = 100;
    int peerItems = 200_000;
    int cpuItems = 20_000;
    Path out = Path.of("bench", "results", "latest.md");
    Path jobline = Path.of("jobline");
    boolean quick;

    /** @throws IllegalArgumentException for an unknown option or a bad value, with the usage */
    static Settings parse(String... args) {
        Settings s = new Settings();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick":
                    s.quick();
                    break;
                case "--cases":
                    s.cases = cases(value(args, ++i, arg));
                    break;
                case "--warmup":
                    s.warmup = number(args, ++i, arg, 0);
                    break;
                case "--rounds":
                    s.rounds = number(args, ++i, arg, 1);
                    break;
                case "--items":
                    s.items = number(args, ++i, arg, 1);
                    break;
                case "--scale-items":
                    s.scaleItems = number(args, ++i, arg, 1);
                    break;
                case "--tasks":
                    s.tasks = number(args, ++i, arg, 1);
                    break;
                case "--out":
                    s.out = Path.of(value(args, ++i, arg));
                    break;
                case "--jobline":
                    s.jobline = Path.of(value(args, ++i, arg));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + arg + "'" + System.lineSeparator() + USAGE);
            }
        }
        return s;
    }

    /** Sizes that run in seconds: the smoke test's, proving every case works end to end. */
    Settings quick() {
        quick = true;
        warmup = 1;
        rounds = 2;
        items = 20_000;
        scaleItems = 200_000;
        scaleRounds = 1;
        tasks = 2_000;
        startupRounds = 1;
        process = new ProcessCases.Sizes(50, 400, 4, 1);
        remoteStageItems = 200;
        farmTasks = 5;
        peerItems = 2_000;
        cpuItems = 200;
        return this;
    }

    private static Set<Integer> cases(String text) {
        Set<Integer> cases = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            try {
                int n = Integer.parseInt(part.trim());
                if (n < 1 || n > 10) {
                    throw new NumberFormatException();
                }
                cases.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--cases: expected case numbers 1 to 10 separated by commas, got '"
                        + text + "'");
            }
        }
        return cases;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value" + System.lineSeparator() + USAGE);
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option, int min) {
        String text = value(args, i, option);
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected a whole number >= " + min + ", got '" + text + "'");
    }
}
