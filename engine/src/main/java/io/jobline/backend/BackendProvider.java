package io.jobline.backend;

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
     * @param options backend-level options, already checked against {@link #optionNames()}
     * @throws IllegalArgumentException for an option value that is not valid; the message names option and value
     */
    Backend create(Map<String, Object> options);
}
