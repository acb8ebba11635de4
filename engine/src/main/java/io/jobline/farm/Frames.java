package io.jobline.farm;

import io.jobline.util.Options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code frames:} of a command job and its {@code chunk:}s: frames {@code 1..100} with chunk 10 are ten work
 * items, 1-10, 11-20 …; a gap in the frames also ends a chunk, so each work item is one {@code start … end} range.
 */
public final class Frames {

    private Frames() {
    }

    /**
     * @param value a range or collection of whole numbers ({@code 1..100}), a number, or text such as
     *              {@code "1-100"} or {@code "1-10,20,30-40"}
     * @return the frames, sorted, without repeats
     * @throws IllegalArgumentException naming the value and what is valid
     */
    public static List<Integer> parse(Object value) {
        TreeSet<Integer> frames = new TreeSet<>();
        if (value instanceof Number) {
            frames.add(Options.intAtLeast("frames", value, Integer.MIN_VALUE + 1));
        } else if (value instanceof Collection) {
            for (Object frame : (Collection<?>) value) {
                if (!(frame instanceof Number)) {
                    throw bad(value);
                }
                frames.add(Options.intAtLeast("frames", frame, Integer.MIN_VALUE + 1));
            }
        } else if (value instanceof CharSequence) {
            for (String part : value.toString().split(",")) {
                String p = part.strip();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d+)(?:-(-?\\d+))?").matcher(p);
                if (!m.matches()) {
                    throw bad(value);
                }
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                if (to < from) {
                    throw bad(value);
                }
                for (int f = from; f <= to; f++) {
                    frames.add(f);
                }
            }
        } else {
            throw bad(value);
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frames: must hold at least one frame, got " + Options.show(value));
        }
        return List.copyOf(frames);
    }

    /** @return the work items' ranges: at most {@code chunk} consecutive frames each */
    public static List<int[]> chunks(List<Integer> frames, int chunk) {
        List<int[]> ranges = new ArrayList<>();
        int start = frames.get(0);
        int end = start;
        for (int i = 1; i < frames.size(); i++) {
            int frame = frames.get(i);
            if (frame == end + 1 && frame - start < chunk) {
                end = frame;
            } else {
                ranges.add(new int[]{start, end});
                start = frame;
                end = frame;
            }
        }
        ranges.add(new int[]{start, end});
        return ranges;
    }

    private static IllegalArgumentException bad(Object value) {
        return new IllegalArgumentException("frames: must be a range or list of whole numbers (1..100, [1, 5, 9]) or"
                + " text such as '1-100' or '1-10,20,30-40', got " + Options.show(value));
    }
}
