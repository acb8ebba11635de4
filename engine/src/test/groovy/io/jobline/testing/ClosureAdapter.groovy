package io.jobline.testing

import io.jobline.function.FunctionAdapter
import io.jobline.function.JobFunction

/** Lets engine specs pass Groovy closures where the engine takes functions (the DSL module has the real adapter). */

class ClosureAdapter implements FunctionAdapter {
    boolean supports(Object candidate) { candidate instanceof Closure }

    JobFunction adapt(Object candidate) { new ClosureFunction((Closure) candidate) }

    int parameterCount(Object candidate) { ((Closure) candidate).maximumNumberOfParameters }

    String nameOf(Object candidate) { null }

    static class ClosureFunction implements JobFunction {
        final Closure closure

        ClosureFunction(Closure closure) { this.closure = closure }

        Object call(Object... args) { closure.call(*args) }

        Object callOne(Object arg) { closure.call(arg) }
    }
}
