package io.jobline.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

/** {@code --stats FILE}: the final stats of a script's pipeline runs, as a JSON array in start order. */
final class StatsFile {

    private StatsFile() {
    }

    /**
     * Writes {@code runs} (each a {@link io.jobline.pipeline.RunStats#toMap()}) to {@code file}, replacing it.
     *
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, List<Map<String, Object>> runs) throws IOException {
        String json = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(runs);
        Files.writeString(file, json + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
