package io.jobline.dsl.shipping;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import groovy.lang.Binding;
import groovy.lang.Script;
import sun.reflect.ReflectionFactory;

/**
 * Scripts by shipping id. In the JVM that ran a script, its id leads back to the very instance; in a worker process
 * the id leads to the one instance made for it, so every function of that script shares the script's state there as
 * it does on threads. Thread-safe.
 */
final class ScriptInstances {

    /** Ids start with this JVM's mark, so that a worker never takes another JVM's id for one of its own. */
    private static final String JVM = UUID.randomUUID().toString();
    private static final AtomicLong NEXT = new AtomicLong();

    private static final Map<Script, String> IDS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<String, WeakReference<Script>> ORIGINALS = new ConcurrentHashMap<>();
    /** Made for a caller's script in this (worker) JVM; kept as long as the worker lives. */
    private static final Map<String, Copy> COPIES = new ConcurrentHashMap<>();

    private ScriptInstances() {
    }

    /** @return the id of {@code script}: the one it came with if it was shipped here, else a new one */
    static String idOf(Script script) {
        synchronized (IDS) {
            String id = IDS.get(script);
            if (id == null) {
                id = JVM + "/" + NEXT.incrementAndGet();
                IDS.put(script, id);
                ORIGINALS.put(id, new WeakReference<>(script));
            }
            return id;
        }
    }

    /** @return the script of that id if it was made in this JVM (not shipped here), else {@code null} */
    static Script original(String id) {
        WeakReference<Script> ref = ORIGINALS.get(id);
        return ref == null ? null : ref.get();
    }

    /**
     * @return this JVM's copy of the caller's script {@code id}, made on first use without running the script's
     *         body or its constructors (so {@code @Field} initializers do not run again either)
     */
    static Script copy(Class<?> type, String id) {
        return COPIES.computeIfAbsent(id, key -> {
            Script script = allocate(type);
            script.setBinding(new ShippedBinding(Map.of()));
            IDS.put(script, key);
            return new Copy(script);
        }).script;
    }

    /**
     * Gives the copy of script {@code id} the caller's variables and field values, those the caller changed since it
     * last sent them: a value the caller did not change keeps what functions in this JVM made of it.
     */
    static void update(String id, Map<String, Object> variables, Map<String, Object> fields) {
        Copy copy = COPIES.get(id);
        if (copy != null) {
            copy.update(variables, fields);
        }
    }

    /** A copy and the state the caller last sent for it. */
    private static final class Copy {
        private final Script script;
        private final Map<String, Object> sentVariables = new HashMap<>();
        private final Map<String, Object> sentFields = new HashMap<>();

        Copy(Script script) {
            this.script = script;
        }

        synchronized void update(Map<String, Object> variables, Map<String, Object> fields) {
            Map<String, Object> changed = changes(sentVariables, variables);
            Binding binding = script.getBinding();
            if (binding instanceof ShippedBinding) {
                ((ShippedBinding) binding).update(changed);
            }
            Map<String, Object> changedFields = changes(sentFields, fields);
            for (Field field : stateFields(script.getClass())) {
                if (changedFields.containsKey(field.getName())) {
                    set(field, changedFields.get(field.getName()));
                }
            }
        }

        private void set(Field field, Object value) {
            if (value != null && !field.getType().isInstance(value)) {
                return; // a placeholder for a typed field: it keeps its default
            }
            try {
                field.set(script, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set field " + field + " of a shipped script", e);
            }
        }

        private static Map<String, Object> changes(Map<String, Object> sent, Map<String, Object> now) {
            Map<String, Object> changed = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : now.entrySet()) {
                if (!sent.containsKey(entry.getKey()) || !sameValue(sent.get(entry.getKey()), entry.getValue())) {
                    changed.put(entry.getKey(), entry.getValue());
                }
            }
            sent.putAll(now);
            return changed;
        }

        private static boolean sameValue(Object before, Object now) {
            try {
                return Objects.equals(before, now);
            } catch (RuntimeException e) {
                return false; // an equals of the user's that fails: take the caller's value
            }
        }
    }

    /** @return the values of the script's own fields ({@code @Field}s), by name */
    static Map<String, Object> fieldValues(Script script) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : stateFields(script.getClass())) {
            try {
                values.putIfAbsent(field.getName(), field.get(script));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read field " + field + " of a script", e);
            }
        }
        return values;
    }

    /**
     * The instance fields declared by the script class and by the compiled-with-it classes it extends (a
     * {@code @BaseScript} of the same script), nearest first; Groovy's own {@code $} fields excluded.
     */
    private static List<Field> stateFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c.getClassLoader() == type.getClassLoader(); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                        && field.getName().indexOf('$') < 0) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /**
     * An instance on which only the constructor of the nearest class-path superclass ran (JoblineScript, Script …),
     * as Java serialization does: the script's own constructors would run its {@code @Field} initializers.
     */
    private static Script allocate(Class<?> type) {
        Class<?> base = type.getSuperclass();
        while (base != Script.class && base.getClassLoader() == type.getClassLoader()) {
            base = base.getSuperclass();
        }
        try {
            Constructor<?> baseConstructor;
            try {
                baseConstructor = base.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                baseConstructor = Script.class.getDeclaredConstructor();
            }
            Constructor<?> constructor = ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(type, baseConstructor);
            constructor.setAccessible(true);
            return (Script) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot make an instance of script class " + type.getName()
                    + " in the worker process", e);
        }
    }
}
