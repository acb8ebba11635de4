package io.jobline.shell;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C (SIGINT) handling for {@link Main#main}: the handler runs instead of the JVM's default shutdown, so
 * {@code jobline} can cancel its runs first.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection: it is the only portable way to catch SIGINT in Java, and
 * compiling against it directly draws a "proprietary API" warning on every build.
 */
final class Interrupts {

    private Interrupts() {
    }

    /**
     * Calls {@code handler} on its own thread at each Ctrl-C. If this JVM cannot take over SIGINT (for example
     * {@code -Xrs}, or SIGINT ignored by the parent process), nothing changes and Ctrl-C works as it did.
     */
    static void onCtrlC(Runnable handler) {
        onSignal("INT", handler);
    }

    /**
     * Calls {@code handler} on its own thread at each signal {@code name} ({@code "INT"}, {@code "TERM"}) instead of
     * the JVM's default; if this JVM cannot take the signal over, nothing changes.
     */
    static void onSignal(String name, Runnable handler) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            Object proxy = Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerType},
                    (self, method, args) -> invoke(self, method, args, handler));
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, proxy);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No handler: the JVM's default still exits (130 for SIGINT, 143 for SIGTERM); runs die with the JVM.
        }
    }

    private static Object invoke(Object self, Method method, Object[] args, Runnable handler) {
        switch (method.getName()) {
            case "handle":
                handler.run();
                return null;
            case "hashCode":
                return System.identityHashCode(self);
            case "equals":
                return self == args[0];
            default:
                return "jobline signal handler";
        }
    }
}
