package io.jobline.shipping;

import io.jobline.function.FunctionWrapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Moves functions, arguments and results between this JVM and worker processes: a fast path for plain values
 * ({@link PlainValues}: numbers, strings, lists, maps and arrays of them), else Java serialization, plus the
 * bytecode of classes compiled at run time ({@link CodeUnit}) and the {@link ShippingHook}s of language runtimes.
 *
 * <p>The {@code pack…} methods run in the sender and fail early, before anything is sent, with a
 * {@link NotShippableException} that names the obstacle. {@link #unpack} runs in the receiver; there, classes of a
 * unit resolve from the unit's loader in the JVM that compiled them, and from the bytecode the caller shipped
 * ({@link #defineClasses}) in a worker. All methods are thread-safe.
 */
public final class Shipping {

    private static final List<ShippingHook> HOOKS = StreamSupport
            .stream(ServiceLoader.load(ShippingHook.class, Shipping.class.getClassLoader()).spliterator(), false)
            .collect(Collectors.toList());

    /** The unit id of each class written so far (0: the class path); a class's unit never changes. */
    private static final ClassValue<Integer> UNIT_IDS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return findUnitId(type);
        }
    };

    /** In a worker: the loaders of the caller's units, by unit id. */
    private static final Map<Integer, ShippedClassLoader> SHIPPED = new ConcurrentHashMap<>();

    private Shipping() {
    }

    /**
     * Serializes {@code value} as it is: plain values (numbers, strings, lists and maps of them …) in a compact
     * encoding of their own ({@link PlainValues}), everything else with Java serialization and the hooks.
     *
     * @throws NotSerializableException naming the class of the first object that is not serializable
     * @throws IOException              if a custom {@code writeObject} fails
     */
    public static Packet pack(Object value) throws IOException {
        byte[] plain = PlainValues.encode(value);
        if (plain != null) {
            return new Packet(plain, Set.of());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ShippingOutputStream out = new ShippingOutputStream(bytes, HOOKS)) {
            out.writeObject(value);
            out.flush();
            return new Packet(bytes.toByteArray(), Set.copyOf(out.units()));
        }
    }

    /**
     * Serializes a function to run in another process.
     *
     * @param what the function in the user's words, for the message: {@code "stage 'render'"}
     * @throws NotShippableException naming the captured variable (and its type) that cannot be sent, and where the
     *                               function was defined
     */
    public static Packet packFunction(Object function, String what) {
        try {
            return pack(function);
        } catch (IOException e) {
            throw new NotShippableException(Obstacles.ofFunction(function, what, e, HOOKS), e);
        }
    }

    /**
     * Serializes the positional arguments of one call.
     *
     * @param what the call in the user's words, for the message
     * @throws NotShippableException naming the argument (1-based) and its type
     */
    public static Packet packArguments(Object[] args, String what) {
        try {
            return pack(args);
        } catch (IOException e) {
            throw new NotShippableException(Obstacles.ofArguments(args, what, e), e);
        }
    }

    /**
     * Serializes a call's result, in the worker.
     *
     * @throws NotShippableException saying the result of that type cannot be sent back
     */
    public static Packet packResult(Object result, String what) {
        try {
            return pack(result);
        } catch (IOException e) {
            throw new NotShippableException(Obstacles.ofResult(result, what, e), e);
        }
    }

    /**
     * Reads a value written by one of the {@code pack} methods.
     *
     * @throws ClassNotFoundException if a class of the value is not on this side (a unit's classes not shipped
     *                                yet, an exception class the caller does not have …)
     */
    public static Object unpack(byte[] bytes) throws IOException, ClassNotFoundException {
        if (PlainValues.isPlain(bytes)) {
            return PlainValues.decode(bytes);
        }
        try (ShippingInputStream in = new ShippingInputStream(new ByteArrayInputStream(bytes), HOOKS)) {
            return in.readObject();
        }
    }

    /** @return where the function was defined ({@code job.groovy:12}), or {@code null} if no hook knows */
    public static String location(Object function) {
        Object own = unwrap(function);
        for (ShippingHook hook : HOOKS) {
            String location = hook.location(own);
            if (location != null) {
                return location;
            }
        }
        return null;
    }

    /**
     * In a worker: adds classes and jars of the caller's unit {@code unitId}, as the caller sent them. Classes are
     * defined on first use; call this before unpacking a value that uses them.
     */
    public static void defineClasses(int unitId, List<CodeUnit.ClassFile> classes, List<URL> jars) {
        SHIPPED.computeIfAbsent(unitId, id -> new ShippedClassLoader(id, Shipping.class.getClassLoader()))
                .add(classes, jars);
    }

    /** @return the user's function inside Jobline's wrappers (map chunks, emit-form stages) */
    static Object unwrap(Object function) {
        Object own = function;
        while (own instanceof FunctionWrapper) {
            own = ((FunctionWrapper) own).wrapped();
        }
        return own;
    }

    static int unitIdOf(Class<?> type) {
        return UNIT_IDS.get(type);
    }

    private static int findUnitId(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader instanceof ShippedClassLoader) {
            return ((ShippedClassLoader) loader).unitId();
        }
        return HOOKS.stream()
                .map(hook -> Optional.ofNullable(hook.unitOf(type)))
                .flatMap(Optional::stream)
                .findFirst()
                .map(CodeUnit::id)
                .orElse(0);
    }

    /** @return where classes of unit {@code unitId} live on this side */
    static ClassLoader loaderOf(int unitId, String className) throws ClassNotFoundException {
        CodeUnit unit = CodeUnit.byId(unitId);
        if (unit != null && unit.loader() != null) {
            return unit.loader();
        }
        ShippedClassLoader shipped = SHIPPED.get(unitId);
        if (shipped == null) {
            throw new ClassNotFoundException(className + " (compiled at run time in unit " + unitId
                    + ", whose classes were not received)");
        }
        return shipped;
    }
}
