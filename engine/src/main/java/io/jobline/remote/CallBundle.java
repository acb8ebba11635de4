package io.jobline.remote;

import io.jobline.shipping.CodeUnit;
import io.jobline.shipping.Packet;
import io.jobline.shipping.Shipping;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls to run elsewhere, packed: their functions (each packed once, however many calls use it), each call's
 * arguments, and the code units (classes compiled at run time, jars added at run time) those refer to. A farm's
 * array job is one bundle of N calls, written to a folder with {@link BundleFolder}. Packing happens in
 * {@link Builder#add}, on the caller's thread, so a value that cannot cross fails there, naming it. Immutable once
 * built.
 */
public final class CallBundle {

    /** One call: which function ({@link #functions()} index), the call in words, its packed arguments. */
    public record Call(int function, String what, Packet args) {
    }

    private final List<Packet> functions;
    private final List<Call> calls;

    private CallBundle(List<Packet> functions, List<Call> calls) {
        this.functions = List.copyOf(functions);
        this.calls = List.copyOf(calls);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Packet> functions() {
        return functions;
    }

    public List<Call> calls() {
        return calls;
    }

    public int size() {
        return calls.size();
    }

    /** @return the code units any function or argument refers to, in first-seen order */
    public Set<CodeUnit> units() {
        Set<CodeUnit> units = new LinkedHashSet<>();
        functions.forEach(function -> units.addAll(function.units()));
        calls.forEach(call -> units.addAll(call.args().units()));
        return units;
    }

    /** Collects calls; not thread-safe. */
    public static final class Builder {
        private final Map<Object, Integer> functionIndex = new IdentityHashMap<>();
        private final List<Packet> functions = new ArrayList<>();
        private final List<Call> calls = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a call of {@code function} on {@code args}.
         *
         * @param what the call in the user's words, for messages: {@code "work 'render'"}
         * @throws io.jobline.shipping.NotShippableException if the function or an argument cannot cross, naming it
         */
        public Builder add(Object function, Object[] args, String what) {
            Integer index = functionIndex.get(function);
            if (index == null) {
                functions.add(Shipping.packFunction(function, what));
                index = functions.size() - 1;
                functionIndex.put(function, index);
            }
            calls.add(new Call(index, what, Shipping.packArguments(args, what)));
            return this;
        }

        /** Adds a call of an already packed function (a process backend's cached one, say). */
        public Builder add(Packet function, Packet args, String what) {
            Integer index = functionIndex.get(function);
            if (index == null) {
                functions.add(function);
                index = functions.size() - 1;
                functionIndex.put(function, index);
            }
            calls.add(new Call(index, what, args));
            return this;
        }

        public CallBundle build() {
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("a call bundle needs at least one call");
            }
            return new CallBundle(functions, calls);
        }
    }
}
