package io.jobline.pipeline;

import io.jobline.function.Drop;
import io.jobline.function.Emitter;
import io.jobline.function.FunctionWrapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An emit-form stage function ({@code item, emit -> …}) as a plain one that returns the list of what it emitted, for
 * backends in other processes: the emitter cannot cross, the list can. Holds the user's function as given, so that
 * it is what gets shipped.
 */
final class CollectEmits extends FunctionWrapper {

    private static final long serialVersionUID = 1L;

    CollectEmits(Object target) {
        super(target);
    }

    @Override
    public Object call(Object... args) throws Exception {
        List<Object> emitted = new ArrayList<>();
        Emitter collect = item -> {
            if (item != Drop.DROP) {
                emitted.add(item);
            }
        };
        function().call(args.length == 0 ? null : args[0], collect);
        return emitted.isEmpty() ? Collections.emptyList() : emitted;
    }

    @Override
    public String toString() {
        return "emit-form stage function " + wrapped();
    }
}
