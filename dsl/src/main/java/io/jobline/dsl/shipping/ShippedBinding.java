package io.jobline.dsl.shipping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import groovy.lang.Binding;

/**
 * In a worker process, a script's binding as the caller sent it: reading a variable that could not be sent throws
 * the {@link Unshipped} error naming it. Its variables are updated when the caller sends the script again, so the
 * map is synchronized: tasks may read it meanwhile.
 */
final class ShippedBinding extends Binding {

    ShippedBinding(Map<String, Object> variables) {
        super(Collections.synchronizedMap(new LinkedHashMap<>(variables)));
    }

    @SuppressWarnings("unchecked")
    void update(Map<String, Object> variables) {
        getVariables().putAll(variables);
    }

    @Override
    public Object getVariable(String name) {
        Object value = super.getVariable(name);
        if (value instanceof Unshipped) {
            throw ((Unshipped) value).error();
        }
        return value;
    }
}
