package io.jobline.backend.process;

import io.jobline.backend.Backend;
import io.jobline.backend.BackendProvider;

import java.util.Map;
import java.util.Set;

/** Registers the {@code process} backend ({@link ProcessBackend}) with {@link io.jobline.backend.Backends}. */
public final class ProcessBackendProvider implements BackendProvider {

    static final String NAME = "process";

    @Override
    public String name() {
        return NAME;
    }

    /** @return {@code workers}, {@code jvmArgs}, {@code env}, {@code cloneEnv}, {@code classpath}, {@code retries}, {@code java} */
    @Override
    public Set<String> optionNames() {
        return ProcessOptions.NAMES;
    }

    /** Reads the options as {@link #create} does (the {@code java} executable is looked for, not run). */
    @Override
    public void validate(Map<String, Object> options) {
        ProcessOptions.of(options);
    }

    @Override
    public Backend create(Map<String, Object> options) {
        return ProcessBackend.create(options);
    }
}
