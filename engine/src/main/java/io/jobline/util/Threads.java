package io.jobline.util;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for Jobline's workers: platform threads everywhere, virtual threads on JDK 21+ when asked for.
 *
 * <p>The engine is compiled for Java 17, so virtual threads are reached through method handles. On a JVM without
 * them (17 to 20) a request for them falls back to platform threads, and says so once per JVM (a WARNING of this
 * class's logger): a script written for 21 still runs on 17, and its user learns why it has platform threads.
 */
public final class Threads {

    private static final System.Logger LOG = System.getLogger(Threads.class.getName());
    private static final MethodHandle OF_VIRTUAL = findOfVirtual();
    /** Whether the fallback to platform threads was said already: once per JVM is enough. */
    private static final AtomicBoolean FALLBACK_SAID = new AtomicBoolean();

    private Threads() {
    }

    /** @return whether this JVM has virtual threads (JDK 21+) */
    public static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null;
    }

    /**
     * @param prefix  thread names are {@code prefix-1}, {@code prefix-2} …
     * @param virtual use virtual threads if this JVM has them
     * @return daemon platform threads, or virtual threads
     */
    public static ThreadFactory factory(String prefix, boolean virtual) {
        if (virtual && OF_VIRTUAL != null) {
            try {
                Object builder = OF_VIRTUAL.invoke();
                Class<?> builderType = Class.forName("java.lang.Thread$Builder");
                Object named = MethodHandles.publicLookup()
                        .findVirtual(builderType, "name", MethodType.methodType(builderType, String.class, long.class))
                        .invoke(builder, prefix + "-", 1L);
                return (ThreadFactory) MethodHandles.publicLookup()
                        .findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class))
                        .invoke(named);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create virtual threads", e);
            }
        }
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Reads the {@code threads:} option of a pipeline or executor: {@code 'virtual'} or {@code 'platform'}.
     * {@code 'virtual'} on a JVM without virtual threads is accepted (platform threads are used) and said once.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static boolean wantsVirtual(Object option) {
        if (option == null || "platform".equals(option.toString())) {
            return false;
        }
        if ("virtual".equals(option.toString())) {
            if (OF_VIRTUAL == null && FALLBACK_SAID.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "threads: 'virtual' needs Java 21 or later; this is Java "
                        + Runtime.version() + ", so platform threads are used (said once per JVM)");
            }
            return true;
        }
        throw new IllegalArgumentException("threads: must be 'virtual' or 'platform', got " + option);
    }

    private static MethodHandle findOfVirtual() {
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            return MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual", MethodType.methodType(builderType));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
