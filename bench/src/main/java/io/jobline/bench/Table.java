package io.jobline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders result rows as an aligned text table (for the terminal) or as a Markdown table. */
final class Table {

    private static final String[] HEADER = {"case", "variant", "median", "min - max", "rounds", "CPU/item", "ratio", "vs",
            "target", "status"};

    private Table() {
    }

    static String text(List<Row> rows) {
        List<String[]> cells = cells(rows);
        int[] width = new int[HEADER.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            String[] line = cells.get(r);
            for (int i = 0; i < line.length; i++) {
                out.append(i == 0 ? "" : "  ").append(pad(line[i], width[i], i >= 2 && i <= 6));
            }
            out.append(System.lineSeparator());
            if (r == 0) {
                for (int i = 0; i < width.length; i++) {
                    out.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    static String markdown(List<Row> rows) {
        List<String[]> cells = cells(rows);
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            out.append("| ").append(String.join(" | ", escape(cells.get(r)))).append(" |\n");
            if (r == 0) {
                out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
            }
        }
        return out.toString();
    }

    private static List<String[]> cells(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row row : rows) {
            if (row.summary == null) {
                cells.add(new String[]{row.benchCase, row.variant, "n/a", "", "", "", "", "", "", row.note});
                continue;
            }
            Summary s = row.summary;
            String status = row.status();
            if (row.note != null) {
                status = status.isEmpty() ? row.note : status + "; " + row.note;
            }
            cells.add(new String[]{
                    row.benchCase,
                    row.variant,
                    format(s.median(), s.unit()),
                    format(s.min(), s.unit()) + " - " + format(s.max(), s.unit()),
                    String.valueOf(s.rounds()),
                    Double.isNaN(s.cpuNanosPerItem()) ? "" : cpu(s.cpuNanosPerItem()),
                    row.ratio == null ? "" : ratio(row.ratio),
                    row.reference == null ? "" : row.reference,
                    row.target == null ? "" : row.target.toString(),
                    status});
        }
        return cells;
    }

    /** @return {@code value} in {@code unit}, scaled to stay readable (items/s as millions) */
    static String format(double value, String unit) {
        switch (unit) {
            case "items/s":
                // Slow variants (worker processes, CPU-heavy calls) would round to "0.00 M".
                return value >= 100_000 ? String.format(Locale.ROOT, "%.2f M items/s", value / 1e6)
                        : String.format(Locale.ROOT, "%,.0f items/s", value);
            case "µs":
                return String.format(Locale.ROOT, "%.1f µs", value);
            case "µs each":
                return String.format(Locale.ROOT, "%.3f µs each", value);
            case "ms":
                return String.format(Locale.ROOT, "%.0f ms", value);
            case "MB":
                return String.format(Locale.ROOT, "%.1f MB", value);
            default:
                return String.format(Locale.ROOT, "%.3g %s", value, unit);
        }
    }

    private static String cpu(double nanos) {
        return nanos >= 10_000 ? String.format(Locale.ROOT, "%.1f µs", nanos / 1000)
                : String.format(Locale.ROOT, "%.0f ns", nanos);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3fx" : "%.2fx", ratio);
    }

    private static String[] escape(String[] line) {
        String[] escaped = new String[line.length];
        for (int i = 0; i < line.length; i++) {
            escaped[i] = line[i].replace("|", "\\|");
        }
        return escaped;
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(width - text.length());
        return right ? fill + text : text + fill;
    }
}
