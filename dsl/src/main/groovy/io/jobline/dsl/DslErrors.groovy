package io.jobline.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope

/**
 * Makes Groovy's own errors inside DSL blocks say what is valid there. The exceptions keep their type and their stack
 * trace (the CLI reports the script's line from it); only the message gains the hint.
 */
@CompileStatic
@PackageScope
final class DslErrors {

    private DslErrors() {
    }

    /**
     * Calls {@code block} with {@code argument}. A word missing directly in the block (a DSL word with wrong
     * arguments, or a method that none of the block's receivers has) is rethrown as a
     * {@link DslMissingMethodException} listing {@code words}; {@code stage add1} where {@code add1} is a method, not
     * a variable, says to write {@code this.&add1}. Anything else propagates untouched.
     */
    static <T> T explain(String block, List<String> words, Closure<T> body, Object argument) {
        try {
            body.call(argument)
        } catch (DslMissingMethodException e) {
            throw e
        } catch (MissingMethodException e) {
            if (!missingIn(e, body, words)) {
                throw e
            }
            throw new DslMissingMethodException(e, block, words)
        } catch (MissingPropertyException e) {
            List<Object> receivers = receivers(body)
            boolean direct = receivers.any { it != null && e.type?.isInstance(it) }
            if (!direct || !receivers.any { it != null && it.respondsTo(e.property) }) {
                throw e
            }
            MissingPropertyException explained = new MissingPropertyException(
                    "No variable '${e.property}' inside ${block}, but there is a method '${e.property}': " +
                            "write this.&${e.property} to pass the method", e.property, e.type)
            explained.stackTrace = e.stackTrace
            throw explained
        }
    }

    /** @return the word of {@code words} within two edits of {@code given}, or {@code null} */
    static String closest(String given, List<String> words) {
        String best = words.min { String word -> distance(given, word) }
        best != null && distance(given, best) <= 2 ? best : null
    }

    /**
     * Only a call made on the block's own receivers gets the hint: a DSL word with wrong arguments, or a word no
     * receiver has. A method that exists with other arguments, or a failure deeper down, is left alone.
     */
    private static boolean missingIn(MissingMethodException e, Closure body, List<String> words) {
        receivers(body).any { receiver ->
            receiver != null && e.type.isInstance(receiver) && (e.method in words || !receiver.respondsTo(e.method))
        }
    }

    /** The objects a call in {@code body} may have gone to: delegates and owners, out to the enclosing object. */
    private static List<Object> receivers(Closure body) {
        List<Object> found = []
        Object current = body
        while (current instanceof Closure) {
            Closure closure = (Closure) current
            found << closure.delegate
            current = closure.owner
        }
        found << current
        found
    }

    private static int distance(String a, String b) {
        int[] previous = (0..b.length()) as int[]
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1]
            current[0] = i
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost)
            }
            previous = current
        }
        previous[b.length()]
    }
}
