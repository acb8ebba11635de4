package io.jobline.backend.process;

import io.jobline.shipping.CodeUnit;
import io.jobline.shipping.ShippingHook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only {@link ShippingHook} standing in for a language runtime that compiles classes at run time: classes
 * defined by a {@link UnitLoader} belong to that loader's {@link CodeUnit}.
 */
public final class UnitHook implements ShippingHook {

    private static final Map<ClassLoader, CodeUnit> UNITS = new ConcurrentHashMap<>();

    static void register(UnitLoader loader) {
        UNITS.put(loader, loader.unit());
    }

    @Override
    public Object replace(Object obj) {
        return obj;
    }

    @Override
    public Object resolve(Object obj) {
        return obj;
    }

    @Override
    public CodeUnit unitOf(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null ? null : UNITS.get(loader);
    }
}
