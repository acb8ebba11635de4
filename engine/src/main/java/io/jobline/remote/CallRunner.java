package io.jobline.remote;

import io.jobline.function.Functions;
import io.jobline.function.JobFunction;
import io.jobline.shipping.Shipping;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a remote call runs (a process backend's worker, a farm task): unpacks a call's function and arguments, calls
 * it and encodes how it ended as an {@link Outcome}. The one runner behind {@code WorkerMain} and {@link TaskMain}.
 *
 * <p>Functions are defined by id once ({@link #define}) and unpacked on first use, in the calling thread, so that a
 * function that cannot be read fails its call (as its outcome) instead of the runner. Thread-safe; calls of one
 * runner may run concurrently.
 */
public final class CallRunner {

    private final Map<Integer, byte[]> packed = new ConcurrentHashMap<>();
    private final Map<Integer, JobFunction> unpacked = new ConcurrentHashMap<>();

    /** Makes function {@code id} known, as packed bytes ({@link Shipping#packFunction}). */
    public void define(int id, byte[] function) {
        packed.put(id, function);
        unpacked.remove(id);
    }

    /** Forgets function {@code id}. */
    public void forget(int id) {
        packed.remove(id);
        unpacked.remove(id);
    }

    /**
     * Runs function {@code functionId} on the packed arguments (an {@code Object[]}). Never throws: whatever goes
     * wrong (the function unknown or unreadable, the call throwing, a result that cannot be serialized) is the
     * outcome's failure.
     *
     * @param what the call in the user's words, for messages ({@code "work 'render'"})
     */
    public Outcome run(int functionId, byte[] args, String what) {
        try {
            Object result = function(functionId).call((Object[]) Shipping.unpack(args));
            return Outcome.ofResult(result, what);
        } catch (Throwable failure) {
            return failed(failure, what);
        }
    }

    /**
     * {@code failure} encoded; if even that throws (a chain of causes so deep that packing it overflows the stack),
     * a plain {@link IllegalStateException} naming it. The runner's thread must always end a call with an outcome:
     * were the error to escape, a worker's task thread would die with the call begun and never answered.
     */
    private static Outcome failed(Throwable failure, String what) {
        try {
            return Outcome.ofFailure(failure);
        } catch (Throwable unpackable) {
            return Outcome.ofFailure(new IllegalStateException(what + " failed with " + failure.getClass().getName()
                    + ", which cannot be sent back (" + unpackable.getClass().getName() + " while packing it)"));
        }
    }

    private JobFunction function(int id) throws IOException, ClassNotFoundException {
        JobFunction function = unpacked.get(id);
        if (function == null) {
            byte[] bytes = packed.get(id);
            if (bytes == null) {
                throw new IllegalStateException("function " + id + " was not sent here");
            }
            Object target = Shipping.unpack(bytes);
            // A JobFunction needs no adapter: skipping Functions spares a runner loading the adapters' runtimes.
            function = target instanceof JobFunction ? (JobFunction) target : Functions.of(target);
            unpacked.put(id, function);
        }
        return function;
    }
}
