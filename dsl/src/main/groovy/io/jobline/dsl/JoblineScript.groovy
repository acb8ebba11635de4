package io.jobline.dsl

import io.jobline.function.Drop
import io.jobline.future.WaitMode
import org.codehaus.groovy.runtime.InvokerHelper

/**
 * Base class of job scripts: a script with this base class has every DSL word with no imports, also where only the
 * base class is installed ({@code CompilerConfiguration.scriptBaseClass}, or
 * {@code @groovy.transform.BaseScript JoblineScript script}).
 *
 * <p>The words are {@link Jobline}'s static methods, reached at run time: a call the script itself does not have
 * goes to the {@code Jobline} method of that name. They are deliberately not methods of this class: with
 * {@link JoblineDsl#install} they also come in through a static import (so that classes declared in a script see
 * them), and Groovy 4 miscompiles {@code pipeline { … }.run(…)} when a name is both a method of the script class and
 * a static import. A name {@code Jobline} does not have behaves as in any script (a closure in the binding, else
 * {@link MissingMethodException}).
 */
abstract class JoblineScript extends Script {

    static final Drop DROP = Jobline.DROP
    static final WaitMode FIRST_COMPLETED = Jobline.FIRST_COMPLETED
    static final WaitMode FIRST_EXCEPTION = Jobline.FIRST_EXCEPTION
    static final WaitMode ALL_COMPLETED = Jobline.ALL_COMPLETED

    private static final Set<String> WORDS = JoblineDsl.methodWords()

    JoblineScript() {
    }

    JoblineScript(Binding binding) {
        super(binding)
    }

    def methodMissing(String name, Object args) {
        if (!(name in WORDS)) {
            throw new MissingMethodException(name, getClass(), args as Object[])
        }
        InvokerHelper.invokeStaticMethod(Jobline, name, args)
    }
}
