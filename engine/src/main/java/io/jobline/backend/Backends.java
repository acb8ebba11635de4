package io.jobline.backend;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The registry of backend kinds found on the class path, by name. */
public final class Backends {

    /** The backend used when none is named. */
    public static final String DEFAULT = "thread";

    private static final Map<String, BackendProvider> PROVIDERS = load();

    private static volatile String runningIn = DEFAULT;

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
     * Creates a backend from its own options.
     *
     * @throws IllegalArgumentException for an unknown backend, an option it does not have (naming the option, the
     *                                  backend and the valid ones: split a map that also holds job options with
     *                                  {@link BackendSpec#split} first), or an invalid value
     */
    public static Backend create(String name, Map<String, ?> options) {
        return BackendSpec.of(name, options).create();
    }

    /**
     * @return where the calling code runs: {@code "thread"} in the JVM that submitted it (on its threads or a thread
     *         backend's), {@code "process"} in a process backend's worker JVM, a farm's name ({@code "slurm"}) in a
     *         farm task; for code that must not hand work to the backend it already runs on (a {@code @Task} called
     *         inside a worker runs right there)
     */
    public static String current() {
        return runningIn;
    }

    /**
     * Called once by the main class of a JVM that runs remote calls (a worker, a farm task), before any call runs.
     *
     * @param backend the backend's name, as {@link #current()} will return it
     */
    public static void runningIn(String backend) {
        runningIn = backend;
    }
}
