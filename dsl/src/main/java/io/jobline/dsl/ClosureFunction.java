package io.jobline.dsl;

import groovy.lang.Closure;
import io.jobline.function.JobFunction;
import org.codehaus.groovy.runtime.metaclass.ClosureMetaClass;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A Groovy closure seen as a {@link JobFunction}; thread-safe as far as the closure itself is.
 *
 * <p>Stages call it once per item, and Groovy's own {@code Closure.call} picks the {@code doCall} method through the
 * meta-class on every call, which costs several times the work of a small stage. So for the common shapes, one or
 * two parameters of a type the arguments already have (untyped parameters are {@code Object}), it calls the
 * closure's {@code doCall} through a method handle found once. Anything else (other arities, arguments that need
 * Groovy's coercion, a {@code null} argument, curried or composed closures, a customised meta-class) goes through
 * {@code Closure.call}, so Groovy's semantics are kept. Either way the closure's own exception propagates unwrapped,
 * with its stack trace.
 */
final class ClosureFunction implements JobFunction {

    private static final long serialVersionUID = 1L;

    private final Closure<?> closure;
    /** doCall of one parameter as (Object closure, Object arg)Object, or null; rebuilt after deserialization. */
    private final transient MethodHandle one;
    private final transient Class<?> oneType;
    private final transient MethodHandle two;
    private final transient Class<?> twoFirst;
    private final transient Class<?> twoSecond;

    ClosureFunction(Closure<?> closure) {
        this.closure = closure;
        Method oneMethod = doCall(closure, 1);
        Method twoMethod = doCall(closure, 2);
        this.one = handle(oneMethod);
        this.oneType = one == null ? null : boxed(oneMethod.getParameterTypes()[0]);
        this.two = handle(twoMethod);
        this.twoFirst = two == null ? null : boxed(twoMethod.getParameterTypes()[0]);
        this.twoSecond = two == null ? null : boxed(twoMethod.getParameterTypes()[1]);
    }

    @Override
    public Object call(Object... args) throws Exception {
        if (args.length == 1) {
            return callOne(args[0]);
        }
        if (args.length == 2 && two != null && twoFirst.isInstance(args[0]) && twoSecond.isInstance(args[1])) {
            return invoke(two, args[0], args[1]);
        }
        return closure.call(args);
    }

    @Override
    public Object callOne(Object arg) throws Exception {
        if (one != null && oneType.isInstance(arg)) {
            return invoke(one, arg);
        }
        return closure.call(arg);
    }

    @Override
    public String toString() {
        return closure.toString();
    }

    private Object invoke(MethodHandle handle, Object arg) throws Exception {
        try {
            return handle.invokeExact((Object) closure, arg);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private Object invoke(MethodHandle handle, Object first, Object second) throws Exception {
        try {
            return handle.invokeExact((Object) closure, first, second);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The handles are not serializable: a deserialized function finds them again. */
    private Object readResolve() {
        return new ClosureFunction(closure);
    }

    /** @return the closure's public {@code doCall} of {@code arity} parameters, or null when the fast path is off */
    private static Method doCall(Closure<?> closure, int arity) {
        Class<?> type = closure.getClass();
        if (closure.getMetaClass().getClass() != ClosureMetaClass.class || !Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals("doCall") && method.getParameterCount() == arity
                    && Modifier.isPublic(method.getModifiers()) && !method.isVarArgs()) {
                return method;
            }
        }
        return null;
    }

    private static MethodHandle handle(Method method) {
        if (method == null) {
            return null;
        }
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method);
            return handle.asType(MethodType.genericMethodType(method.getParameterCount() + 1));
        } catch (IllegalAccessException | RuntimeException e) {
            return null; // not reachable from here: Closure.call still works
        }
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }
}
