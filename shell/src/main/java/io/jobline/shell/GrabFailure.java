package io.jobline.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grape's "Error grabbing Grapes -- [unresolved dependency: org#module;1.0: not found]" as one line per artifact
 * that names it the way the script wrote it ({@code org:module:1.0}), at the line of its {@code @Grab}, with where
 * it was looked for.
 */
final class GrabFailure {

    private static final Pattern GRAPES = Pattern.compile("Error grabbing Grapes -- \\[(.*)]", Pattern.DOTALL);
    private static final Pattern UNRESOLVED =
            Pattern.compile("unresolved dependency: ([^#\\s]+)#([^;\\s]+);([^:\\s]+): ([^,\\]]+)");

    private GrabFailure() {
    }

    /** @return the lines for {@code message}, or none when it is not about grabbing */
    static List<String> describe(String message, String file, String text) {
        Matcher grapes = GRAPES.matcher(message);
        if (!grapes.find()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        Matcher unresolved = UNRESOLVED.matcher(grapes.group(1));
        while (unresolved.find()) {
            String group = unresolved.group(1);
            String module = unresolved.group(2);
            String artifact = group + ":" + module + ":" + unresolved.group(3);
            int line = grabLine(text, module);
            lines.add(file + (line > 0 ? ":" + line : "") + ": @Grab could not resolve " + artifact + " ("
                    + unresolved.group(4).strip() + "); searched " + GrapeSettings.searched());
        }
        if (lines.isEmpty()) {
            lines.add(file + ": @Grab failed: " + grapes.group(1).strip());
        }
        return lines;
    }

    /** @return the 1-based line of the first {@code @Grab} naming {@code module}, or 0 */
    private static int grabLine(String text, String module) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("Grab") && lines[i].contains(module)) {
                return i + 1;
            }
        }
        return 0;
    }
}
