package io.jobline.farm;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The scheduler adapters on the class path ({@code META-INF/services/io.jobline.farm.Scheduler}), by name. */
public final class Schedulers {

    private static final Map<String, Scheduler> FOUND = load();

    private Schedulers() {
    }

    /**
     * @return the adapter called {@code name}
     * @throws IllegalArgumentException naming the farms there are
     */
    public static Scheduler named(String name) {
        Scheduler scheduler = FOUND.get(name);
        if (scheduler == null) {
            throw new IllegalArgumentException("unknown farm '" + name + "'; available: "
                    + String.join(", ", FOUND.keySet()));
        }
        return scheduler;
    }

    private static Map<String, Scheduler> load() {
        Map<String, Scheduler> found = new TreeMap<>();
        for (Scheduler scheduler : ServiceLoader.load(Scheduler.class, Schedulers.class.getClassLoader())) {
            found.put(scheduler.name(), scheduler);
        }
        return found;
    }
}
