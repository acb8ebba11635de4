package io.jobline.bench;

import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import io.jobline.function.Functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The stage functions the cases run, in Java and as Groovy closures, and the inputs and checks that go with them. */
final class Stages {

    static final Function<Object, Object> ADD1 = x -> (Integer) x + 1;
    static final Function<Object, Object> MULTI2 = x -> (Integer) x * 2;
    /** A dispatcher key: 16 keys, so both workers of a two-thread stage get work. */
    static final Function<Object, Object> KEY16 = x -> (Integer) x & 15;
    /** A CPU-bound function (case 10): counts the primes in a block of 100 numbers, tens of µs of pure CPU. */
    static final Function<Object, Object> PRIMES = x -> {
        int from = ProcessFunctions.FIRST + (Integer) x * 100;
        return ProcessFunctions.countPrimes(from, from + 100);
    };
    /** A fan-out stage function: two outputs per item. */
    static final Function<Object, Object> PAIR = x -> List.of((Integer) x * 2, (Integer) x * 2 + 1);

    private static Map<String, Closure<?>> closures;

    private Stages() {
    }

    /** @return 0, 1, … n-1 as boxed Integers in an ArrayList (the pipeline's input, read in batches) */
    static List<Object> integers(int n) {
        List<Object> input = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            input.add(i);
        }
        return input;
    }

    /** @return the Groovy closure called {@code name} in stages.groovy */
    static synchronized Closure<?> closure(String name) {
        if (closures == null) {
            closures = load();
        }
        Closure<?> closure = closures.get(name);
        if (closure == null) {
            throw new IllegalArgumentException("no closure '" + name + "' in stages.groovy; there are " + closures.keySet());
        }
        return closure;
    }

    /** @return null if the engine can call Groovy closures here, else why not */
    static String closuresUnsupported() {
        // A Closure is also a Callable, so without the DSL's adapter the engine would call it with no argument.
        try {
            if (Integer.valueOf(2).equals(Functions.of(closure("add1")).callOne(1))) {
                return null;
            }
        } catch (Exception e) {
            // reported below
        }
        return "no FunctionAdapter for Groovy closures on the class path (the DSL's adapter is not built yet)";
    }

    /** Checks the outputs of add1 then multi2 over 0..n-1, in any order: 2(x + 1) for each x. */
    static void checkAdd1Multi2(List<Object> outputs, int n, boolean ordered) {
        if (outputs.size() != n) {
            throw new IllegalStateException("expected " + n + " outputs, got " + outputs.size());
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int value = (Integer) outputs.get(i);
            if (ordered && value != 2 * (i + 1)) {
                throw new IllegalStateException("output " + i + " is " + value + ", expected " + 2 * (i + 1)
                        + ": order was not kept");
            }
            sum += value;
        }
        long expected = (long) n * (n + 1);
        if (sum != expected) {
            throw new IllegalStateException("outputs sum to " + sum + ", expected " + expected);
        }
    }

    private static Map<String, Closure<?>> load() {
        return closures("stages.groovy");
    }

    /** @return the map of closures that the Groovy script {@code resource} (next to this class) evaluates to */
    @SuppressWarnings("unchecked")
    static Map<String, Closure<?>> closures(String resource) {
        try (InputStream in = Stages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the bench class path");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (Map<String, Closure<?>>) new GroovyShell().evaluate(source, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
