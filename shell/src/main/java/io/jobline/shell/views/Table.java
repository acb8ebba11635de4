package io.jobline.shell.views;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table: a header and rows of cells, columns as wide as their widest cell, numbers right-aligned. Cells are
 * cut to {@value #MAX_CELL} characters so one long name cannot push the others off the screen.
 */
public final class Table {

    static final int MAX_CELL = 40;

    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param columns the header; a name starting with '>' is right-aligned (the '>' is not shown) */
    public Table(String... columns) {
        header = new ArrayList<>();
        right = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            right[i] = columns[i].startsWith(">");
            header.add(right[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    public Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            String text = String.valueOf(cell).replace('\n', ' ');
            row.add(text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text);
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return the table's lines, header first */
    public List<String> lines() {
        int[] widths = new int[header.size()];
        for (List<String> row : withHeader()) {
            for (int i = 0; i < row.size() && i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : withHeader()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size() && i < widths.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(right[i] ? pad + cell : i == row.size() - 1 ? cell : cell + pad);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
