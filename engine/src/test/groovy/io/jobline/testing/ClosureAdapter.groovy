package io.jobline.testing

import io.jobline.function.FunctionAdapter
import io.jobline.function.JobFunction

/** Lets engine specs pass Groovy closures where the engine takes functions (the DSL module has the real adapter). */
class ClosureAdapter implements FunctionAdapter {
    boolean supports(Object candidate) { candidate instanceof Closure }

    JobFunction adapt(Object candidate) {
        Closure c = (Closure) candidate
        return { Object[] args -> c.call(args) } as JobFunction
    }

    int parameterCount(Object candidate) { ((Closure) candidate).maximumNumberOfParameters }

    String nameOf(Object candidate) { null }
}
