package io.jobline.dsl.shipping;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

import org.codehaus.groovy.runtime.ComposedClosure;
import org.codehaus.groovy.runtime.CurriedClosure;
import org.codehaus.groovy.runtime.MethodClosure;

import groovy.lang.Closure;
import groovy.lang.Reference;

/**
 * The variables a closure carries, by their names in the source. Groovy compiles each captured local into a field
 * of the closure's class named after it, holding a {@link Reference} when the variable is shared; a curried closure
 * carries its curried arguments and the closure it curries; a composition, its two closures.
 */
final class Captures {

    private Captures() {
    }

    static Map<String, Object> of(Object function) {
        Map<String, Object> captures = new LinkedHashMap<>();
        if (function instanceof CurriedClosure) {
            CurriedClosure<?> curried = (CurriedClosure<?>) function;
            captures.putAll(of(curried.getOwner()));
            Object[] args = curried.getUncurriedArguments(new Object[0]);
            for (int i = 0; i < args.length; i++) {
                captures.put("curried argument " + (i + 1), args[i]);
            }
        } else if (function instanceof ComposedClosure) {
            captures.put("first function of the composition", read(function, "first"));
            captures.put("second function of the composition", read(function, "second"));
        } else if (function instanceof Closure && !(function instanceof MethodClosure)) {
            for (Field field : function.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && field.getName().indexOf('$') < 0) {
                    Object value = read(function, field);
                    captures.put(field.getName(), value instanceof Reference ? ((Reference<?>) value).get() : value);
                }
            }
        }
        return captures;
    }

    private static Object read(Object target, String name) {
        try {
            return read(target, target.getClass().getDeclaredField(name));
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Object read(Object target, Field field) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }
}
