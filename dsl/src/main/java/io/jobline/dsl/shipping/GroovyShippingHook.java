package io.jobline.dsl.shipping;

import java.util.Map;

import org.codehaus.groovy.runtime.MethodClosure;

import groovy.grape.Grape;
import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.Reference;
import groovy.lang.Script;
import io.jobline.backend.Backends;
import io.jobline.shipping.CodeUnit;
import io.jobline.shipping.ShippingHook;

/**
 * Carries Groovy's scripts, bindings, closures and method pointers to worker processes; registered with
 * {@link java.util.ServiceLoader}, found by {@link io.jobline.shipping.Shipping} on both sides.
 *
 * <ul>
 * <li>A {@link Script} is written as its class, id and state (binding variables, {@code @Field}s); a worker keeps
 * one copy per script, made without running the script, and updates its state whenever the script arrives again.
 * Variables and fields that cannot be sent become placeholders that fail, naming themselves, when used.</li>
 * <li>A {@link Binding} on its own is written as its variables, with the same placeholders.</li>
 * <li>A method pointer is written as its owner and method name and made anew on reading.</li>
 * <li>A closure holding a delegate, owner or cache that cannot be sent is written as a clone without them.</li>
 * </ul>
 *
 * Thread-safe and stateless (the script ids live in {@link ScriptInstances}).
 */
public final class GroovyShippingHook implements ShippingHook {

    /**
     * In a worker or a farm task, a shipped script class's {@code @Grab}s must not run again when the class
     * initializes: Grape finds no GroovyClassLoader there and fails, and the grabbed jars came with the code (as
     * paths).
     */
    public GroovyShippingHook() {
        if (!Backends.DEFAULT.equals(Backends.current())) { // a worker process or a farm task
            Grape.setEnableGrapes(false);
        }
    }

    @Override
    public Object replace(Object obj) {
        if (obj instanceof Script) {
            return ScriptStandIn.of((Script) obj);
        }
        if (obj instanceof MethodClosure) {
            return new MethodPointerStandIn((MethodClosure) obj);
        }
        if (obj instanceof Closure) {
            return ClosureWriting.forWriting((Closure<?>) obj);
        }
        if (obj instanceof Binding) {
            return new BindingStandIn((Binding) obj);
        }
        return obj;
    }

    @Override
    public Object resolve(Object obj) {
        if (obj instanceof ScriptStandIn) {
            return ((ScriptStandIn) obj).script();
        }
        if (obj instanceof MethodPointerStandIn) {
            return ((MethodPointerStandIn) obj).pointer();
        }
        if (obj instanceof BindingStandIn) {
            return ((BindingStandIn) obj).binding();
        }
        if (obj instanceof Closure) {
            fixBackReferences((Closure<?>) obj);
        } else if (obj instanceof Reference) {
            Reference<Object> reference = (Reference<Object>) obj;
            if (reference.get() instanceof ScriptStandIn) {
                reference.set(((ScriptStandIn) reference.get()).script());
            }
        }
        return obj;
    }

    /** A closure read inside its script's own state refers to the script's stand-in: point it at the script. */
    private static void fixBackReferences(Closure<?> closure) {
        Object owner = closure.getOwner();
        Object delegate = closure.getDelegate();
        Object thisObject = ClosureFields.thisObject(closure);
        if (owner instanceof ScriptStandIn || delegate instanceof ScriptStandIn || thisObject instanceof ScriptStandIn) {
            ClosureFields.set(closure, script(owner), script(delegate), script(thisObject));
        }
    }

    private static Object script(Object value) {
        return value instanceof ScriptStandIn ? ((ScriptStandIn) value).script() : value;
    }

    @Override
    public CodeUnit unitOf(Class<?> type) {
        return CodeUnits.unitOf(type);
    }

    @Override
    public Map<String, Object> captures(Object function) {
        return Captures.of(function);
    }

    @Override
    public String location(Object function) {
        return Locations.of(function);
    }
}
