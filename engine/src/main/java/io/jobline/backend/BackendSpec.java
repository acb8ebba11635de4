package io.jobline.backend;

import io.jobline.util.Options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Which backend, configured how: a backend's name and its own options, checked ({@link BackendProvider#validate})
 * when made, so a spec in hand is one {@link #create()} accepts. Two specs are equal when name and options are:
 * that is how {@link BackendScope} shares one backend between the runs that ask for the same. Immutable.
 */
public final class BackendSpec {

    /** A mixed map of options split in two: the backend's own (as a spec) and the rest (job options, say). */
    public record Split(BackendSpec spec, Map<String, Object> rest) {
    }

    private final BackendProvider provider;
    private final Map<String, Object> options;

    private BackendSpec(BackendProvider provider, Map<String, Object> options) {
        this.provider = provider;
        this.options = options;
    }

    /**
     * @param name    a backend's name; {@code null} for {@link Backends#DEFAULT}
     * @param options its options only
     * @throws IllegalArgumentException for an unknown backend or option, or an invalid value
     */
    public static BackendSpec of(String name, Map<String, ?> options) {
        BackendProvider provider = Backends.provider(name == null ? Backends.DEFAULT : name);
        Map<String, Object> own = new TreeMap<>();
        if (options != null) {
            // Equal specs for equal options: a GString and a String with the same text are the same option value.
            options.forEach((key, value) -> own.put(key, value instanceof CharSequence ? value.toString() : value));
        }
        Map<String, Object> frozen = Collections.unmodifiableMap(own);
        provider.validate(frozen);
        return new BackendSpec(provider, frozen);
    }

    /**
     * Splits {@code mixed} into the options backend {@code name} understands ({@link BackendProvider#optionNames()})
     * and the rest, which this does not check.
     *
     * @throws IllegalArgumentException for an unknown backend, or an invalid value of one of its options
     */
    public static Split split(String name, Map<String, ?> mixed) {
        BackendProvider provider = Backends.provider(name == null ? Backends.DEFAULT : name);
        Map<String, Object> own = new LinkedHashMap<>();
        Map<String, Object> rest = new LinkedHashMap<>();
        if (mixed != null) {
            mixed.forEach((key, value) -> (provider.optionNames().contains(key) ? own : rest).put(key, value));
        }
        return new Split(of(provider.name(), own), rest);
    }

    public String name() {
        return provider.name();
    }

    /** @return the options, sorted by name; unmodifiable */
    public Map<String, Object> options() {
        return options;
    }

    public BackendProvider provider() {
        return provider;
    }

    /** @return a new backend of this spec, the caller's to close */
    public Backend create() {
        return provider.create(options);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackendSpec && ((BackendSpec) other).name().equals(name())
                && ((BackendSpec) other).options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name(), options);
    }

    /** @return {@code process{workers=2}}; values shown safely (a value's own toString may throw or be huge) */
    @Override
    public String toString() {
        if (options.isEmpty()) {
            return name();
        }
        StringJoiner shown = new StringJoiner(", ", name() + "{", "}");
        options.forEach((key, value) -> shown.add(key + "=" + Options.show(value)));
        return shown.toString();
    }
}
