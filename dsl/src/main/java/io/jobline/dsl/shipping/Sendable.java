package io.jobline.dsl.shipping;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import groovy.lang.Binding;
import groovy.lang.Script;
import io.jobline.shipping.Shipping;

/** Which values can go to a worker, and the {@link Unshipped} placeholders of those that cannot. */
final class Sendable {

    private Sendable() {
    }

    /** @return whether {@code value} is written as it is or by a stand-in (it may still hold something that is not) */
    static boolean direct(Object value) {
        return value == null || value instanceof Serializable || value instanceof Script || value instanceof Binding;
    }

    /**
     * @param kind {@code "variable"} or {@code "field"}
     * @return {@code values} with each value that cannot be sent replaced by a placeholder naming it
     */
    static Map<String, Object> orPlaceholders(String kind, Map<String, ?> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (ScriptOutput.is(entry.getKey(), entry.getValue())) {
                result.put(entry.getKey(), ScriptOutput.INSTANCE);
                continue;
            }
            result.put(entry.getKey(), orPlaceholder(kind + " '" + entry.getKey() + "'", entry.getValue()));
        }
        return result;
    }

    private static Object orPlaceholder(String what, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (!direct(value)) {
            return new Unshipped(what, value.getClass().getName(), "it is not serializable");
        }
        try {
            Shipping.pack(value);
            return value;
        } catch (NotSerializableException e) {
            String reason = value.getClass().getName().equals(e.getMessage()) ? "it is not serializable"
                    : "it holds a " + e.getMessage() + ", which is not serializable";
            return new Unshipped(what, value.getClass().getName(), reason);
        } catch (IOException | RuntimeException e) {
            return new Unshipped(what, value.getClass().getName(), e.toString());
        }
    }

    /** Scripts whose stand-in this thread is making: a value of theirs that refers back gets a bare stand-in. */
    private static final ThreadLocal<Set<Script>> MAKING =
            ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

    /** @return whether {@code script} was not being made already; if so, call {@link #done} after */
    static boolean start(Script script) {
        return MAKING.get().add(script);
    }

    static void done(Script script) {
        MAKING.get().remove(script);
    }
}
