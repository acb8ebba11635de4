package io.jobline.record;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --trace FILE.jsonl}: one JSON object a line, for people who analyse runs with their own tools. Lines have a
 * {@code type}: {@code start} and {@code end} of each thing, {@code tick} per part (a stage) per sample, {@code item}
 * per finished work item (a farm job's). Thread-safe; a write that fails is remembered and reported by
 * {@link #close()}, never thrown into the run.
 */
public final class TraceWriter implements Closeable {

    private final Gson gson = new GsonBuilder().serializeNulls().create();
    private final BufferedWriter out;
    private IOException failure;

    /** @throws IOException if the file cannot be created */
    public TraceWriter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Writes one line: {@code type} and the recording's id, kind and name, then {@code fields}. */
    public synchronized void line(String type, Recording recording, Map<String, ?> fields) {
        if (failure != null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("time", java.math.BigDecimal.valueOf(System.currentTimeMillis(), 3)); // Unix seconds, not 1.7E9
        line.put("id", recording.id());
        line.put("kind", recording.kind());
        line.put("name", recording.name());
        line.putAll(fields);
        try {
            out.write(gson.toJson(line));
            out.write('\n');
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException ? (IOException) e : new IOException(e);
        }
    }

    /** @throws IOException the first write that failed, or the close's own failure */
    @Override
    public synchronized void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
