package io.jobline.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.jobline.function.Functions
import io.jobline.pipeline.PipelineBuilder
import io.jobline.util.Show
import org.codehaus.groovy.runtime.MethodClosure

/**
 * The delegate of a {@code pipeline { }} block: {@code stage fn} and {@code stage fn, option: value …} add stages in
 * order. Each stage is checked as it is declared (by the engine's {@link PipelineBuilder}), so a mistake is reported
 * at the script line that made it. Not thread-safe: a block runs on one thread.
 */
@CompileStatic
class PipelineSpec {

    /** The words a pipeline block understands, for error messages. */
    static final List<String> WORDS = ['stage'].asImmutable()

    private final PipelineBuilder builder

    @PackageScope
    PipelineSpec(PipelineBuilder builder) {
        this.builder = builder
    }

    /** Adds a stage with one worker: {@code stage add1}, {@code stage { it + 1 }}. */
    PipelineSpec stage(Object fn) {
        add([:], fn, null)
    }

    /**
     * Adds a stage with options, written with named arguments: {@code stage multi2, threads: 2, name: 'double'}.
     * The options are {@code threads, name, by, fanOut, rate, queue, retries, backend} (SPEC §1).
     */
    PipelineSpec stage(Map<String, ?> options, Object fn) {
        add(options, fn, null)
    }

    /**
     * The form {@link StageNameCustomizer} writes for {@code stage someVariable}: {@code variable} names the stage
     * unless {@code options} has a {@code name}.
     */
    PipelineSpec stage(Map<String, ?> options, Object fn, String variable) {
        add(options, fn, variable)
    }

    private PipelineSpec add(Map<String, ?> options, Object fn, String variable) {
        int position = builder.size() + 1
        if (!Functions.isFunction(fn)) {
            // The engine checks this too; here the message can also say which variable held the wrong value.
            throw new IllegalArgumentException("stage ${position}${variable ? " '" + variable + "'" : ''}: expected "
                    + "${Functions.ACCEPTED}, got ${show(fn)}")
        }
        checkParameters(fn, position, variable)
        Map<String, Object> named = new LinkedHashMap<>()
        if (options) {
            named.putAll(options)
        }
        if (variable && !named.containsKey('name')) {
            named.name = variable
        }
        builder.stage(fn, named)
        this
    }

    /**
     * A stage closure takes the item, or the item and an emitter; one with more parameters would fail on the first
     * item, so it is refused here, at the line that declares it. (A method pointer may have overloads: the engine
     * picks one per call, so it is left alone.)
     */
    private static void checkParameters(Object fn, int position, String variable) {
        if (!(fn instanceof Closure) || fn instanceof MethodClosure) {
            return
        }
        Class[] types = ((Closure) fn).parameterTypes
        if (types.length > 2) {
            throw new IllegalArgumentException("stage ${position}${variable ? " '" + variable + "'" : ''}: a stage "
                    + "closure takes the item ({ item -> … }) or the item and an emitter ({ item, emit -> … }), got "
                    + "${types.length} parameters")
        }
    }

    /** @return {@code java.lang.String ('abc')}: the type, then the value as the user would write it */
    @PackageScope
    static String show(Object value) {
        Show.typed(value)
    }
}
