package io.jobline.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Renders recordings as a report file: the jobline-report module provides one (an HTML page), found with
 * {@link java.util.ServiceLoader} by {@link Reports}.
 */
public interface ReportWriter {

    /**
     * @param runs  one {@link Recording#toMap()} per thing, in start order
     * @param about the machine, versions and command line ({@link Reports#about})
     * @throws IOException if the file cannot be written
     */
    void write(List<Map<String, Object>> runs, Map<String, Object> about, Path file) throws IOException;
}
