package io.jobline.backend.thread;

import io.jobline.backend.Backend;
import io.jobline.backend.BackendProvider;

import java.util.Map;
import java.util.Set;

/** Registers the {@code thread} backend ({@link ThreadBackend}) with {@link io.jobline.backend.Backends}. */
public final class ThreadBackendProvider implements BackendProvider {

    static final String NAME = "thread";
    static final Set<String> OPTIONS = Set.of("workers", "threads");

    @Override
    public String name() {
        return NAME;
    }

    /** @return {@code workers} and {@code threads} */
    @Override
    public Set<String> optionNames() {
        return OPTIONS;
    }

    @Override
    public void validate(Map<String, Object> options) {
        ThreadBackend.validate(options);
    }

    @Override
    public Backend create(Map<String, Object> options) {
        return ThreadBackend.create(options);
    }
}
