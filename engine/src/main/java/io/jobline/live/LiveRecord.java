package io.jobline.live;

import java.util.List;
import java.util.Map;

/**
 * What a live thing tells a report beyond its counters, once {@link LiveEntry#record()} asked it to record: its
 * workers' busy lanes, the errors it kept, its items' states (a farm job's work items), its shape (a pipeline's
 * graph). Every method is called from the report's threads, may be called at any time, must not block, and returns
 * JSON-friendly values whose user-made text is cut safely ({@link io.jobline.util.Show}).
 */
public interface LiveRecord {

    /** @return the workers' busy lanes, or {@code null} if the thing has no workers of its own */
    default Timeline timeline() {
        return null;
    }

    /**
     * @return at most {@code max} of the errors the thing kept, oldest first, each with {@code part}, {@code item},
     *         {@code exception} (class name), {@code message} and {@code trace}
     */
    default List<Map<String, Object>> errors(int max) {
        return List.of();
    }

    /**
     * @return at most {@code max} work items as they are now, each with {@code name} and {@code state}, and when
     *         known {@code node}, {@code exitCode}, {@code error}
     */
    default List<Map<String, Object>> items(int max) {
        return List.of();
    }

    /** @return the thing's shape: for a pipeline {@code stages} (maps), {@code dot} and {@code mermaid}; or empty */
    default Map<String, Object> graph() {
        return Map.of();
    }
}
