package io.jobline.farm;

import io.jobline.util.Options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A farm's {@code extra:} option: raw flags for its submit command, checked the same way for every farm. */
public final class ExtraFlags {

    private ExtraFlags() {
    }

    /**
     * @param value a list of flags or one whitespace-separated string
     * @param tool  the submit command's name, for messages ({@code sbatch}, {@code qbsub})
     * @param example a flag of that tool, for messages
     * @param joined  whether every word must be a flag ({@code --flag=value}, sbatch) or only the first
     *                ({@code --flag value}, qbsub)
     * @return the flags
     * @throws IllegalArgumentException for null entries, another type, or a word that must be a flag and is not
     */
    public static List<String> of(Object value, String tool, String example, boolean joined) {
        List<String> flags = new ArrayList<>();
        if (value instanceof CharSequence) {
            for (String word : value.toString().strip().split("\\s+")) {
                if (!word.isEmpty()) {
                    flags.add(word);
                }
            }
        } else if (value instanceof Collection) {
            for (Object flag : (Collection<?>) value) {
                if (flag == null) {
                    throw new IllegalArgumentException("extra: must not contain null, got " + value);
                }
                flags.add(flag.toString());
            }
        } else {
            throw new IllegalArgumentException("extra: must be a list of " + tool + " flags (e.g. ['" + example
                    + "']) or a whitespace-separated string, got " + Options.show(value));
        }
        for (int i = 0; i < (joined ? flags.size() : Math.min(1, flags.size())); i++) {
            if (!flags.get(i).startsWith("-")) {
                throw new IllegalArgumentException("extra: " + tool + " flags start with '-'"
                        + (joined ? " (write '--flag=value')" : "") + ", got " + Options.show(flags.get(i)) + " in "
                        + Options.show(value));
            }
        }
        return List.copyOf(flags);
    }
}
