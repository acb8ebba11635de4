package io.jobline.function;

import io.jobline.util.Show;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Turns anything callable into a {@link JobFunction}, and describes callables for error messages and stats. */
public final class Functions {

    private static final List<FunctionAdapter> ADAPTERS = StreamSupport
            .stream(ServiceLoader.load(FunctionAdapter.class, Functions.class.getClassLoader()).spliterator(), false)
            .collect(Collectors.toList());

    private Functions() {
    }

    /** What a user may pass wherever Jobline takes a function; used in error messages. */
    public static final String ACCEPTED = "a Closure, a method pointer (this.&name) or a java.util.function.Function";

    /**
     * Adapts {@code fn} to a {@link JobFunction}.
     *
     * @throws IllegalArgumentException if {@code fn} is not callable; the message says what was given and what is valid
     */
    @SuppressWarnings("unchecked")
    public static JobFunction of(Object fn) {
        if (fn instanceof JobFunction) {
            return (JobFunction) fn;
        }
        for (FunctionAdapter adapter : ADAPTERS) {
            if (adapter.supports(fn)) {
                return adapter.adapt(fn);
            }
        }
        if (fn instanceof Function) {
            return new FunctionCall((Function<Object, Object>) fn);
        }
        if (fn instanceof BiFunction) {
            BiFunction<Object, Object, Object> f = (BiFunction<Object, Object, Object>) fn;
            return (SerializableCall) args -> f.apply(arg(args, 0), arg(args, 1));
        }
        if (fn instanceof BiConsumer) {
            BiConsumer<Object, Object> f = (BiConsumer<Object, Object>) fn;
            return (SerializableCall) args -> {
                f.accept(arg(args, 0), arg(args, 1));
                return null;
            };
        }
        if (fn instanceof Callable) {
            Callable<Object> f = (Callable<Object>) fn;
            return (SerializableCall) args -> f.call();
        }
        if (fn instanceof Supplier) {
            Supplier<Object> f = (Supplier<Object>) fn;
            return (SerializableCall) args -> f.get();
        }
        if (fn instanceof Consumer) {
            Consumer<Object> f = (Consumer<Object>) fn;
            return (SerializableCall) args -> {
                f.accept(single(args));
                return null;
            };
        }
        if (fn instanceof Runnable) {
            Runnable f = (Runnable) fn;
            return (SerializableCall) args -> {
                f.run();
                return null;
            };
        }
        throw new IllegalArgumentException("not a function: " + describe(fn) + "; expected " + ACCEPTED);
    }

    /** @return whether {@link #of(Object)} would accept {@code fn} */
    public static boolean isFunction(Object fn) {
        if (fn instanceof JobFunction || fn instanceof Function || fn instanceof BiFunction || fn instanceof BiConsumer
                || fn instanceof Callable || fn instanceof Supplier || fn instanceof Consumer || fn instanceof Runnable) {
            return true;
        }
        return ADAPTERS.stream().anyMatch(a -> a.supports(fn));
    }

    /** @return the number of parameters {@code fn} declares, or -1 when it cannot tell */
    public static int parameterCount(Object fn) {
        for (FunctionAdapter adapter : ADAPTERS) {
            if (adapter.supports(fn)) {
                return adapter.parameterCount(fn);
            }
        }
        if (fn instanceof BiFunction || fn instanceof BiConsumer) {
            return 2;
        }
        if (fn instanceof Function || fn instanceof Consumer) {
            return 1;
        }
        if (fn instanceof Callable || fn instanceof Supplier || fn instanceof Runnable) {
            return 0;
        }
        return -1;
    }

    /** @return a short name for {@code fn} (a method pointer's method name), or {@code null} when it has none */
    public static String nameOf(Object fn) {
        for (FunctionAdapter adapter : ADAPTERS) {
            if (adapter.supports(fn)) {
                return adapter.nameOf(fn);
            }
        }
        return null;
    }

    /** @return "a java.lang.String ('abc')"-style text for error messages */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        return "a " + value.getClass().getName() + " (" + Show.text(value, 60) + ")";
    }

    private static Object single(Object[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("this function takes 1 argument, got " + args.length);
        }
        return args[0];
    }

    private static Object arg(Object[] args, int i) {
        if (args.length != 2) {
            throw new IllegalArgumentException("this function takes 2 arguments, got " + args.length);
        }
        return args[i];
    }

    /** A {@link Function} as a JobFunction, called without a varargs array on the one-argument path. */
    private static final class FunctionCall implements JobFunction {
        private static final long serialVersionUID = 1L;
        private final Function<Object, Object> function;

        FunctionCall(Function<Object, Object> function) {
            this.function = function;
        }

        @Override
        public Object call(Object... args) {
            return function.apply(single(args));
        }

        @Override
        public Object callOne(Object arg) {
            return function.apply(arg);
        }
    }

    /** Lambdas of this type are serializable: a {@link JobFunction} view of a serializable callable stays serializable. */
    private interface SerializableCall extends JobFunction {
    }
}
