package io.jobline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark command: runs the cases, prints the table and writes it as Markdown. See {@link Settings#USAGE}.
 * Exit codes: 0 done (a missed target is reported, not an error), 1 a case failed, 2 bad usage.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            long start = System.nanoTime();
            List<Row> rows = run(settings, System.err);
            double minutes = (System.nanoTime() - start) / 60e9;
            System.out.println();
            System.out.print(Table.text(rows));
            System.out.printf("%nwhole run: %.1f min%n", minutes);
            write(settings, rows, minutes);
            System.out.println("written to " + settings.out);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the chosen cases in order. @return their rows */
    static List<Row> run(Settings settings, PrintStream progress) throws Exception {
        List<Row> rows = new ArrayList<>();
        Harness harness = new Harness(settings.warmup, settings.rounds, progress);
        for (int c : settings.cases) {
            progress.println("case " + c);
            switch (c) {
                case 1:
                    rows.addAll(PipelineCases.throughput(harness, settings.items));
                    break;
                case 2:
                    rows.addAll(PipelineCases.stageKinds(harness, settings.items));
                    break;
                case 3:
                    rows.addAll(ExecutorCases.run(harness, settings.tasks, settings.items));
                    break;
                case 4:
                    rows.addAll(ScaleCase.run(settings.scaleRounds, settings.scaleItems, progress));
                    break;
                case 5:
                    rows.addAll(StartupCase.run(settings.startupRounds, settings.jobline, progress));
                    break;
                case 6:
                    rows.addAll(ProcessCases.run(harness, settings.process, progress));
                    break;
                case 7:
                    rows.addAll(RemoteStageCases.run(harness, settings.remoteStageItems, progress));
                    break;
                case 8:
                    rows.addAll(FarmCases.run(harness, settings.farmTasks,
                            Path.of(System.getProperty("java.io.tmpdir"), "jobline-bench-farm")));
                    break;
                case 9:
                    rows.addAll(ShellCase.run(settings.startupRounds, progress));
                    break;
                case 10:
                    rows.addAll(PeerCases.run(harness, settings.peerItems, settings.cpuItems));
                    break;
                default:
                    throw new IllegalArgumentException("no case " + c);
            }
        }
        return rows;
    }

    static void write(Settings settings, List<Row> rows, double minutes) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Jobline benchmark results\n\n");
        md.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(" with `").append(System.getProperty("bench.command", "bench/run")).append("`")
                .append(String.format(" (measuring took %.1f min, after the build).%n%n", minutes));
        md.append(String.format("Each case: %d warm-up and %d measured rounds, variants interleaved; median and "
                + "range over the measured rounds. CPU/item is the benchmark process's CPU time (all threads, GC "
                + "included) per item, its live worker processes' included (case 6): it moves less than wall time when other work shares the machine. Ratios "
                + "are of medians; throughput ratios are better when higher, time and cost ratios when lower.%n%n",
                settings.warmup, settings.rounds));
        for (String line : Machine.describe()) {
            md.append("- ").append(line).append('\n');
        }
        md.append('\n').append(Table.markdown(rows));
        Path out = settings.out.toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    }
}
