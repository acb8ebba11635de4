package io.jobline.pipeline;

import io.jobline.function.Drop;
import io.jobline.function.Emitter;
import io.jobline.function.FunctionWrapper;
import io.jobline.function.Functions;
import io.jobline.function.JobFunction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An emit-form stage function ({@code item, emit -> …}) as a plain one that returns the list of what it emitted, for
 * backends in other processes: the emitter cannot cross, the list can. Holds the user's function as given, so that
 * it is what gets shipped.
 */
final class CollectEmits implements JobFunction, FunctionWrapper {

    private static final long serialVersionUID = 1L;
    private final Object target;
    private transient JobFunction function;

    CollectEmits(Object target) {
        this.target = target;
    }

    @Override
    public Object call(Object... args) throws Exception {
        JobFunction f = function;
        if (f == null) {
            f = Functions.of(target);
            function = f;
        }
        List<Object> emitted = new ArrayList<>();
        Emitter collect = item -> {
            if (item != Drop.DROP) {
                emitted.add(item);
            }
        };
        f.call(args.length == 0 ? null : args[0], collect);
        return emitted.isEmpty() ? Collections.emptyList() : emitted;
    }

    @Override
    public Object wrapped() {
        return target;
    }

    @Override
    public String toString() {
        return "emit-form stage function " + target;
    }
}
