package io.jobline.backend;

import io.jobline.util.Options;

import java.util.Map;
import java.util.Set;

/**
 * Creates backends of one kind; registered in {@code META-INF/services/io.jobline.backend.BackendProvider}.
 */
public interface BackendProvider {

    /** @return the name users select it by, e.g. {@code thread} */
    String name();

    /** @return the backend-level options {@link #create} understands (e.g. {@code workers}, {@code partition}) */
    Set<String> optionNames();

    /**
     * Checks options as {@link #create} would, without creating anything, starting anything or touching anything
     * outside this JVM: front ends call it where the options are written, to report a mistake there. The default
     * checks only the names; providers override it to check values too.
     *
     * @throws IllegalArgumentException for an unknown option (naming it, this backend and the valid ones) or a value
     *                                  that is not valid (naming option, value and what is valid)
     */
    default void validate(Map<String, Object> options) {
        Options.requireKnown(options, optionNames(), name() + " backend option");
    }

    /**
     * @param options backend-level options, already checked by {@link #validate}
     * @throws IllegalArgumentException for an option value that is not valid; the message names option and value
     */
    Backend create(Map<String, Object> options);
}
