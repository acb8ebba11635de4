package io.jobline.pipeline;

import io.jobline.backend.Backend;
import io.jobline.backend.Work;
import io.jobline.backend.WorkOrigin;
import io.jobline.function.Drop;
import io.jobline.function.Emitter;

import java.lang.reflect.Array;
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
 * {@link Backend#call(Work)}, and an emit-form function is shipped wrapped in a {@link CollectEmits}, so that what
 * it emits comes back as a list.
 */
final class StageInvoker {

    private final StageSpec spec;
    private final Backend backend;
    private final WorkOrigin origin;
    private List<Object> sink;
    private final Emitter emitter = item -> {
        if (item != Drop.DROP) {
            sink.add(item);
        }
    };

    /**
     * @param backend where to run the function; {@code null} runs it on the calling thread
     * @param origin  the run and stage the calls are for
     */
    StageInvoker(StageSpec spec, Backend backend, WorkOrigin origin) {
        this.spec = spec;
        this.backend = backend;
        this.origin = origin;
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

    /**
     * Every call carries its origin, by which stats tell which backend workers are busy with the stage; it is also
     * named after the stage (a farm's job name).
     */
    private void invokeRemote(Object item, List<Object> out) throws Exception {
        Object result = backend.call(Work.of(spec.shippable(), new Object[] {item}, Map.of("name", spec.getName()),
                origin));
        forward(result, out, spec.isFanOut() || spec.isEmitForm());
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
}
