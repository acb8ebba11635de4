package io.jobline.dsl.shipping;

import java.lang.reflect.Field;

import groovy.lang.Closure;

/** Groovy keeps a closure's owner, delegate and this-object in private fields with no setters for the first two. */
final class ClosureFields {

    private static final Field OWNER = field("owner");
    private static final Field DELEGATE = field("delegate");
    private static final Field THIS_OBJECT = field("thisObject");
    /** A cache Groovy fills when the closure is used as a condition (grep, findAll …); not serializable. */
    private static final Field BOOLEAN_WRAPPER = field("bcw");

    private ClosureFields() {
    }

    static Object thisObject(Closure<?> closure) {
        return get(THIS_OBJECT, closure);
    }

    static Object booleanWrapper(Closure<?> closure) {
        return get(BOOLEAN_WRAPPER, closure);
    }

    static void set(Closure<?> closure, Object owner, Object delegate, Object thisObject) {
        put(OWNER, closure, owner);
        put(DELEGATE, closure, delegate);
        put(THIS_OBJECT, closure, thisObject);
        put(BOOLEAN_WRAPPER, closure, null);
    }

    private static Field field(String name) {
        try {
            Field field = Closure.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("this Groovy's Closure has no field " + name);
        }
    }

    private static Object get(Field field, Closure<?> closure) {
        try {
            return field.get(closure);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(Field field, Closure<?> closure, Object value) {
        try {
            field.set(closure, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
