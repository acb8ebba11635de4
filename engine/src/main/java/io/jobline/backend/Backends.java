package io.jobline.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The registry of backend kinds found on the class path, by name. */
public final class Backends {

    /** The backend used when none is named. */
    public static final String DEFAULT = "thread";

    private static final Map<String, BackendProvider> PROVIDERS = load();

    private Backends() {
    }

    private static Map<String, BackendProvider> load() {
        Map<String, BackendProvider> found = new TreeMap<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            found.put(provider.name(), provider);
        }
        return found;
    }

    /** @return the names of every backend on the class path, sorted */
    public static Set<String> names() {
        return PROVIDERS.keySet();
    }

    /**
     * @return the provider called {@code name}
     * @throws IllegalArgumentException naming the backends that exist, when there is none by that name
     */
    public static BackendProvider provider(String name) {
        BackendProvider provider = PROVIDERS.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown backend '" + name + "'; available: " + String.join(", ", names()));
        }
        return provider;
    }

    /**
     * Creates a backend from the options meant for it; other keys are ignored, so callers may pass a map that also
     * holds job options.
     */
    public static Backend create(String name, Map<String, ?> options) {
        BackendProvider provider = provider(name == null ? DEFAULT : name);
        Map<String, Object> own = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((key, value) -> {
                if (provider.optionNames().contains(key)) {
                    own.put(key, value);
                }
            });
        }
        return provider.create(own);
    }
}
