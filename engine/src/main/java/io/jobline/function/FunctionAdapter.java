package io.jobline.function;

/**
 * Service-provider hook that teaches the Groovy-free engine about callables of other languages.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (file
 * {@code META-INF/services/io.jobline.function.FunctionAdapter}). The DSL module registers one for Groovy closures
 * and method pointers.
 */
public interface FunctionAdapter {

    /** @return whether this adapter knows how to call {@code candidate} */
    boolean supports(Object candidate);

    /** @return {@code candidate} as a {@link JobFunction}; only called when {@link #supports} said yes */
    JobFunction adapt(Object candidate);

    /** @return how many parameters {@code candidate} declares, or -1 if it cannot tell */
    int parameterCount(Object candidate);

    /** @return a short human name for {@code candidate} (a method name), or {@code null} if it has none */
    String nameOf(Object candidate);
}
