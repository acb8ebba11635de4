package io.jobline.dsl.shipping;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.codehaus.groovy.runtime.GeneratedClosure;

import groovy.lang.Closure;

/**
 * The closure to write in place of one that holds what it does not need and often cannot be sent.
 *
 * <ul>
 * <li>A closure written inside another one has that one as owner, only to resolve names through it up to the
 * script; the enclosing closure's own captured variables are not the inner closure's business (it captured what it
 * uses itself), and they are often things of this JVM: {@code executor(...).withCloseable { ex -> ex.submit { … } }}.
 * So the owner is written as a stub: a copy with its captures cleared, whose own owner is treated the same way.</li>
 * <li>A delegate that cannot be sent (the {@code pipeline { }} spec, a builder) is left behind; the owner takes its
 * place, as Groovy's default delegate.</li>
 * <li>An owner or this-object that cannot be sent becomes a placeholder that fails, naming itself, when used.</li>
 * <li>Groovy's boolean-wrapper cache (filled when the closure was used as a condition) is dropped.</li>
 * </ul>
 *
 * A closure's own captured variables are never dropped: one that cannot be sent makes packing fail with a message
 * naming it.
 */
final class ClosureWriting {

    /** Stubs made here: written as they are. */
    private static final Set<Closure<?>> STUBS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private ClosureWriting() {
    }

    /** @return {@code closure} itself when it can be written as it is, else a copy without those parts */
    static Closure<?> forWriting(Closure<?> closure) {
        if (STUBS.contains(closure)) {
            return closure;
        }
        Closure<?> copy = withSendableSurroundings(closure, false);
        return copy == null ? closure : copy;
    }

    /**
     * @param stub whether to clear the copy's captures too (and always copy)
     * @return a copy with sendable owner, delegate and this-object, or null if {@code closure} needs none
     */
    private static Closure<?> withSendableSurroundings(Closure<?> closure, boolean stub) {
        Object owner = closure.getOwner();
        Object delegate = closure.getDelegate();
        Object thisObject = ClosureFields.thisObject(closure);
        boolean lexical = closure instanceof GeneratedClosure;
        Object newOwner = lexical && owner instanceof GeneratedClosure ? stubOf((Closure<?>) owner) : sendable("the owner", owner);
        Object newThis = thisObject == owner ? newOwner : sendable("the this-object", thisObject);
        Object newDelegate = delegate == owner ? newOwner : Sendable.direct(delegate) ? delegate : newOwner;
        if (!stub && newOwner == owner && newThis == thisObject && newDelegate == delegate
                && ClosureFields.booleanWrapper(closure) == null) {
            return null;
        }
        Closure<?> copy = (Closure<?>) closure.clone();
        ClosureFields.set(copy, newOwner, newDelegate, newThis);
        if (stub) {
            clearCaptures(copy);
            STUBS.add(copy);
        }
        return copy;
    }

    private static Closure<?> stubOf(Closure<?> owner) {
        return STUBS.contains(owner) ? owner : withSendableSurroundings(owner, true);
    }

    private static Object sendable(String what, Object value) {
        if (Sendable.direct(value)) {
            return value;
        }
        return new Unshipped(what + " of the closure", value.getClass().getName(), "it is not serializable");
    }

    /** A generated closure class declares one field per captured variable, and nothing else but Groovy's statics. */
    private static void clearCaptures(Closure<?> copy) {
        for (Field field : copy.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                try {
                    field.setAccessible(true);
                    field.set(copy, null);
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot clear captured variable " + field.getName()
                            + " of the enclosing closure " + copy.getClass().getName(), e);
                }
            }
        }
    }
}
