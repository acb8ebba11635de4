package io.jobline.pipeline;

import io.jobline.backend.Backend;
import io.jobline.backend.Work;
import io.jobline.function.Drop;
import io.jobline.function.Emitter;
import io.jobline.future.JobFuture;

import java.lang.reflect.Array;
import java.util.ArrayList;
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
    private final Map<String, Object> named;
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
        this.named = Map.of("name", spec.getName());
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

    /** Every call is named after the stage: that is how stats tell which backend workers are busy with it. */
    private void invokeRemote(Object item, List<Object> out) throws Exception {
        collect(backend.call(Work.of(spec.shippable(), new Object[] {item}, named)), out);
    }

    /**
     * On a backend other than threads: submits one call per item as one batch ({@link Backend#submitBatch}).
     *
     * @return the calls' futures, in the order of the items
     * @throws RuntimeException what the backend refused the batch with (an argument that cannot be shipped …)
     */
    List<JobFuture<Object>> submitAll(List<Object> items) {
        List<Work> works = new ArrayList<>(items.size());
        for (Object item : items) {
            works.add(Work.of(spec.shippable(), new Object[] {item}, named));
        }
        return backend.submitBatch(works, named);
    }

    /** Appends what the result of a backend call of this stage's function produces to {@code out}. */
    void collect(Object result, List<Object> out) {
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
