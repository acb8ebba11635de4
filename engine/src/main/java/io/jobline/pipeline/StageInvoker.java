package io.jobline.pipeline;

import io.jobline.backend.Backend;
import io.jobline.backend.Work;
import io.jobline.function.Drop;
import io.jobline.function.Emitter;
import io.jobline.function.JobFunction;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.BaseStream;

/**
 * Calls a stage's function on one item and appends what it produces to a list: the returned value, nothing for
 * {@link Drop#DROP}, the elements of a returned collection when the stage fans out, or whatever an emit-form
 * function emits. One invoker per worker thread (it is not thread-safe).
 *
 * <p>On the thread backend the function runs right here; on any other backend the call goes through
 * {@link Backend#call(Work)}, and an emit-form function is wrapped so that what it emits comes back as a list.
 */
final class StageInvoker {

    private final StageSpec spec;
    private final Backend backend;
    private List<Object> sink;
    private final Emitter emitter = item -> {
        if (item != Drop.DROP) {
            sink.add(item);
        }
    };

    /** @param backend where to run the function; {@code null} runs it on the calling thread */
    StageInvoker(StageSpec spec, Backend backend) {
        this.spec = spec;
        this.backend = backend;
    }

    /** Runs the function on {@code item}, appending its outputs to {@code out}. */
    void invoke(Object item, List<Object> out) throws Exception {
        if (backend != null) {
            invokeRemote(item, out);
            return;
        }
        if (spec.isEmitForm()) {
            sink = out;
            spec.callable().call(item, emitter);
            return;
        }
        forward(spec.callable().callOne(item), out, spec.isFanOut());
    }

    private void invokeRemote(Object item, List<Object> out) throws Exception {
        Object[] args = {item};
        if (spec.isEmitForm()) {
            Object emitted = backend.call(Work.of(new CollectEmits(spec.callable()), args, Map.of("name", spec.getName())));
            forward(emitted, out, true);
            return;
        }
        forward(backend.call(Work.of(spec.getFunction(), args, Map.of("name", spec.getName()))), out, spec.isFanOut());
    }

    private static void forward(Object result, List<Object> out, boolean fanOut) {
        if (result == Drop.DROP) {
            return;
        }
        if (!fanOut) {
            out.add(result);
            return;
        }
        if (result instanceof Iterable) {
            addAll(((Iterable<?>) result).iterator(), out);
        } else if (result instanceof Iterator) {
            addAll((Iterator<?>) result, out);
        } else if (result instanceof BaseStream) {
            try (BaseStream<?, ?> stream = (BaseStream<?, ?>) result) {
                addAll(stream.iterator(), out);
            }
        } else if (result != null && result.getClass().isArray()) {
            int length = Array.getLength(result);
            for (int i = 0; i < length; i++) {
                Object element = Array.get(result, i);
                if (element != Drop.DROP) {
                    out.add(element);
                }
            }
        } else {
            out.add(result);
        }
    }

    private static void addAll(Iterator<?> elements, List<Object> out) {
        while (elements.hasNext()) {
            Object element = elements.next();
            if (element != Drop.DROP) {
                out.add(element);
            }
        }
    }

    /** An emit-form function as a plain one returning what it emitted, for backends in other processes. */
    static final class CollectEmits implements JobFunction {
        private static final long serialVersionUID = 1L;
        private final JobFunction function;

        CollectEmits(JobFunction function) {
            this.function = function;
        }

        @Override
        public Object call(Object... args) throws Exception {
            List<Object> emitted = new ArrayList<>();
            Emitter collect = item -> {
                if (item != Drop.DROP) {
                    emitted.add(item);
                }
            };
            function.call(args.length == 0 ? null : args[0], collect);
            return emitted.isEmpty() ? Collections.emptyList() : emitted;
        }
    }
}
