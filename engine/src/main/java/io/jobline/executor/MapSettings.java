package io.jobline.executor;

import io.jobline.util.Options;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The options of one {@code map} call, read and checked: map's own ones, and the rest as job options. */
final class MapSettings {

    /** The options {@code map} reads itself; every other one is a job option. */
    static final Set<String> OWN = Set.of("chunk", "timeout", "lookahead", "spread");

    final int chunk;
    final int lookahead;
    final Duration timeout;
    final boolean spread;
    /** The named options that are not map's own, for every submitted task. */
    final Map<String, Object> jobOptions;

    /**
     * @param options           the call's named options; may be {@code null}
     * @param defaultLookahead  chunks in flight when {@code lookahead} is not given
     * @throws IllegalArgumentException for an invalid value of map's own options
     */
    MapSettings(Map<String, ?> options, int defaultLookahead) {
        Map<String, ?> given = options == null ? Map.of() : options;
        chunk = given.get("chunk") == null ? 1 : Options.intAtLeast("chunk", given.get("chunk"), 1);
        lookahead = given.get("lookahead") == null
                ? defaultLookahead : Options.intAtLeast("lookahead", given.get("lookahead"), 1);
        timeout = Options.duration("timeout", given.get("timeout"));
        spread = Options.bool("spread", given.get("spread"), false);
        Map<String, Object> rest = new LinkedHashMap<>(given);
        rest.keySet().removeAll(OWN);
        jobOptions = rest;
    }
}
