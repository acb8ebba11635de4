package io.jobline.executor;

import io.jobline.function.FunctionWrapper;
import io.jobline.function.Functions;
import io.jobline.function.JobFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * The function of one {@code map} chunk: calls the user's function on each item (the call's arguments) in order and
 * returns the list of results. It holds the function exactly as the user gave it, so a backend that ships work to
 * another process ships the user's callable.
 *
 * <p>If an item fails, the chunk fails with a {@link ChunkFailure} that carries the results of the items before it:
 * {@code map} still yields those, in order, before it rethrows the item's exception.
 */
final class ChunkCall extends FunctionWrapper {

    private static final long serialVersionUID = 1L;

    private final boolean spread;

    ChunkCall(Object target, boolean spread) {
        super(target);
        this.spread = spread;
    }

    @Override
    public Object call(Object... items) throws Exception {
        JobFunction f = function();
        List<Object> results = new ArrayList<>(items.length);
        for (Object item : items) {
            try {
                results.add(f.call(MapArgs.of(item, spread)));
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                throw new ChunkFailure(results, e);
            }
        }
        return results;
    }

    @Override
    public String toString() {
        String name = Functions.nameOf(wrapped());
        return "map chunk of " + (name != null ? name : wrapped());
    }
}
