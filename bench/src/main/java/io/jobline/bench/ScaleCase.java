package io.jobline.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case 4: many items streamed through {@code each} in a child JVM with a 64 MB heap, against the hand-written
 * pipeline streaming the same way. Each round starts fresh JVMs (so the time includes start-up and JIT warm-up, as
 * a real job's does), alternating which goes first.
 */
final class ScaleCase {

    static final String NAME = "4. scale, -Xmx64m";
    static final String HEAP = "-Xmx64m";
    private static final Pattern LINE = Pattern.compile(
            "SCALE items=(\\d+) sum=(\\d+) millis=(\\d+) peakHeapMB=([\\d.]+) liveAfterGcMB=([\\d.]+)");

    private ScaleCase() {
    }

    static List<Row> run(int rounds, int n, PrintStream progress) throws Exception {
        String[] modes = {"hand-written", "jobline"};
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<Double>> peak = new LinkedHashMap<>();
        Map<String, List<Double>> live = new LinkedHashMap<>();
        for (String mode : modes) {
            millis.put(mode, new ArrayList<>());
            peak.put(mode, new ArrayList<>());
            live.put(mode, new ArrayList<>());
        }
        String classPath = System.getProperty("java.class.path");
        for (int round = 0; round < rounds; round++) {
            progress.printf("  case 4, %d items: round %d/%d%n", n, round + 1, rounds);
            for (int i = 0; i < modes.length; i++) {
                String mode = modes[(round + i) % modes.length];
                List<String> command = ChildJvm.javaCommand(List.of(HEAP), classPath, ScaleChild.class.getName(),
                        mode, String.valueOf(n));
                String output = ChildJvm.run(command, null, 300).requireSuccess(command);
                Matcher m = LINE.matcher(output);
                if (!m.find()) {
                    throw new IllegalStateException("no result line from " + String.join(" ", command) + ":\n" + output);
                }
                millis.get(mode).add(Double.parseDouble(m.group(3)));
                peak.get(mode).add(Double.parseDouble(m.group(4)));
                live.get(mode).add(Double.parseDouble(m.group(5)));
            }
        }
        String handTime = "hand-written, streamed: wall time";
        String items = String.format("%,d items", n);
        Summary handMillis = new Summary(millis.get("hand-written"), "ms", false);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(NAME, handTime, handMillis).withNote(items + " checked"));
        rows.add(Row.compared(NAME, "jobline each: wall time", new Summary(millis.get("jobline"), "ms", false),
                handTime, handMillis, null).withNote(items + " checked; ratio is time, lower is better"));
        for (String mode : modes) {
            String who = mode.equals("jobline") ? "jobline each" : "hand-written";
            rows.add(Row.of(NAME, who + ": peak heap used", new Summary(peak.get(mode), "MB", false))
                    .withNote("sum of heap pools' peaks, garbage included"));
            rows.add(Row.of(NAME, who + ": largest heap after a GC", new Summary(live.get(mode), "MB", false))
                    .withNote("live data"));
        }
        return rows;
    }
}
