package io.jobline.shell

import groovy.transform.CompileStatic

/**
 * A tiny terminal: plays back what a program wrote (text, CR, LF and the few ANSI escapes {@link StatusArea} uses)
 * and gives the lines left on screen, as a user would see them.
 */
@CompileStatic
class Screen {

    static List<String> play(String written) {
        List<StringBuilder> rows = [new StringBuilder()]
        int row = 0
        int col = 0
        int i = 0
        while (i < written.length()) {
            char c = written.charAt(i)
            if (written.startsWith('\033[2K', i)) {
                rows.get(row).setLength(0)
                i += 4
                continue
            }
            if (written.startsWith('\033[1A', i)) {
                row = Math.max(0, row - 1)
                i += 4
                continue
            }
            if (c == '\033' as char) {
                throw new IllegalArgumentException("unexpected escape at $i: ${written.substring(i, Math.min(i + 8, written.length())).inspect()}")
            }
            if (c == '\r' as char) {
                col = 0
            } else if (c == '\n' as char) {
                row++
                col = 0
                if (row == rows.size()) {
                    rows << new StringBuilder()
                }
            } else {
                StringBuilder line = rows.get(row)
                while (line.length() < col) {
                    line.append(' ')
                }
                if (col < line.length()) {
                    line.setCharAt(col, c)
                } else {
                    line.append(c)
                }
                col++
            }
            i++
        }
        List<String> lines = rows.collect { it.toString().replaceAll(/\s+$/, '') }
        while (lines && lines.last().isEmpty()) {
            lines.remove(lines.size() - 1)
        }
        lines
    }
}
