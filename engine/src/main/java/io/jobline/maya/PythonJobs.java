package io.jobline.maya;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import io.jobline.function.JobFunction;
import io.jobline.future.JobFuture;
import io.jobline.remote.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Python snippet jobs of a {@link Maya}: {@code python-N/job.json} holds the scene, the workspace and every item's
 * snippet; work item {@code start … end} runs {@code mayapy bootstrap.py job.json START END}, which writes
 * {@code python-N/I.json} per item ({@code {"value": …}} or {@code {"error": …, "traceback": …}}, through a temporary
 * name and a rename). When a work item ends, its items' futures are completed from those files; a work item that
 * failed (Maya did not start, the scene did not open, the process was killed) fails all its items with its report.
 */
final class PythonJobs {

    private static final Gson GSON = new GsonBuilder().serializeNulls()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    private final Maya maya;

    PythonJobs(Maya maya) {
        this.maya = maya;
    }

    MayaJob submit(String name, List<Object> items, JobFunction snippet, int chunk, Map<String, Object> options) {
        List<String> snippets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            snippets.add(snippetFor(snippet, items.get(i), i));
        }
        Path dir;
        try {
            dir = maya.folder().newJob("python");
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("scene", maya.getScene().toString());
            job.put("workspace", maya.workspaceOrNull() == null ? null : maya.workspaceOrNull().toString());
            job.put("version", maya.getVersion());
            job.put("results", dir.toString());
            job.put("snippets", snippets);
            job.put("items", items.stream().map(PythonJobs::plain).toList());
            PrivateFiles.write(dir.resolve("job.json"), GSON.toJson(job).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("maya python: cannot write the job file: " + e.getMessage(), e);
        }
        String run = maya.folder().runScript().toString();
        String mayapy = maya.mayapy().toString();
        String bootstrap = maya.folder().bootstrap().toString();
        String jobFile = dir.resolve("job.json").toString();
        List<Part> parts = maya.submit(name, IntStream.range(0, items.size()).boxed().toList(), chunk, options,
                (start, end) -> Maya.shellLine(List.of(run, mayapy, bootstrap, jobFile, start.toString(), end.toString())));
        List<JobFuture<Object>> futures = new ArrayList<>();
        for (Part part : parts) {
            List<JobFuture<Object>> mine = new ArrayList<>();
            for (int i = part.start; i <= part.end; i++) {
                JobFuture<Object> future = Maya.future(name, part, Integer.toString(i));
                future.setCanceller(interrupt -> {
                    if (mine.stream().allMatch(JobFuture::isCancelled)) {
                        part.cancel();
                    }
                });
                mine.add(future);
            }
            part.done.whenComplete((ok, failure) -> {
                for (int i = 0; i < mine.size(); i++) {
                    if (failure != null) {
                        maya.settleFailure(mine.get(i), failure);
                    } else {
                        settle(mine.get(i), dir, part, part.start + i, name, items.get(part.start + i));
                    }
                }
            });
            futures.addAll(mine);
        }
        return new MayaJob(name, parts, futures);
    }

    private static void settle(JobFuture<Object> future, Path dir, Part part, int index, String name, Object item) {
        Path file = dir.resolve(index + ".json");
        String what = "maya python '" + name + "' item " + index + " (" + show(item) + ")";
        try {
            if (!Files.isRegularFile(file)) {
                List<String> log = part.log();
                future.completeExceptionally(new MayaFailure(what + ": the work item (job " + part.jobId + ", work item "
                        + part.workId + ") ended without its result\n  " + String.join("\n    ", log), null));
                return;
            }
            JsonObject result = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (result.has("error")) {
                String traceback = result.has("traceback") && !result.get("traceback").isJsonNull()
                        ? result.get("traceback").getAsString() : null;
                future.completeExceptionally(new MayaFailure(what + " on " + part.node.get() + ": "
                        + result.get("error").getAsString(), traceback));
            } else {
                future.complete(small(GSON.fromJson(result.get("value"), Object.class)));
            }
        } catch (IOException | RuntimeException e) {
            future.completeExceptionally(new MayaFailure(what + ": cannot read its result " + file + ": " + e, null));
        }
    }

    private static String snippetFor(JobFunction snippet, Object item, int index) {
        Object text;
        try {
            text = snippet.callOne(item);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("python: the snippet function failed for item " + index + ": " + e, e);
        }
        if (text == null || text.toString().isBlank()) {
            throw new IllegalArgumentException("python: the snippet function returned " + (text == null ? "null" : "''")
                    + " for item " + index + " (" + show(item) + "); it must return Python code");
        }
        return text.toString();
    }

    /** @return {@code value} as JSON can carry it: strings, numbers, booleans, lists, maps; anything else as text */
    static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
            return map;
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).stream().map(PythonJobs::plain).toList();
        }
        return value.toString();
    }

    /** Whole numbers that fit come back as Integer, as Groovy would write them. */
    private static Object small(Object value) {
        if (value instanceof Long && (Long) value == ((Long) value).intValue()) {
            return ((Long) value).intValue();
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(v -> list.add(small(v)));
            return list;
        }
        if (value instanceof Map) {
            Map<Object, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(k, small(v)));
            return map;
        }
        return value;
    }

    private static String show(Object item) {
        String text;
        try {
            text = item instanceof CharSequence ? "'" + item + "'" : String.valueOf(item);
        } catch (RuntimeException e) {
            text = "an item whose toString failed";
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
