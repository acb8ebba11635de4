package io.jobline.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope

/**
 * A call inside a DSL block ({@code stag add1} in {@code pipeline { }}) that matches no method: the original
 * {@link MissingMethodException} (same method, arguments and stack trace, so the script's line stays visible) with a
 * message that names the block, suggests the closest valid word and lists them all.
 */
@CompileStatic
class DslMissingMethodException extends MissingMethodException {

    private final String block
    private final List<String> words

    @PackageScope
    DslMissingMethodException(MissingMethodException original, String block, List<String> words) {
        super(original.method, original.type, original.arguments, original.static)
        this.block = block
        this.words = words
        stackTrace = original.stackTrace
    }

    @Override
    String getMessage() {
        String given = "${method}(${arguments.collect { typeOf(it) }.join(', ')})"
        if (method in words) {
            return "Wrong arguments for '${method}' inside ${block}: ${given}. Valid words there: ${words.join(', ')}."
        }
        String closest = DslErrors.closest(method, words)
        "No method ${given} inside ${block}.${closest ? " Did you mean '" + closest + "'?" : ''}" +
                " Valid words there: ${words.join(', ')}."
    }

    private static String typeOf(Object argument) {
        argument == null ? 'null' : argument instanceof Closure ? 'Closure' : argument.getClass().simpleName
    }
}
