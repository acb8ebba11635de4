package io.jobline.dsl

import spock.lang.Specification

/** Runs job scripts the way the CLI does: through {@link JoblineDsl#newShell}, with no imports. */
abstract class DslSpecification extends Specification {

    /** Evaluates {@code script} in a fresh DSL shell whose binding holds {@code variables}; returns its last value. */
    static Object script(Map<String, ?> variables = [:], String script) {
        JoblineDsl.newShell(new Binding(new LinkedHashMap(variables))).evaluate(script)
    }

    /** @return the line of the script (Script*.groovy) where {@code error} was thrown */
    static Integer scriptLine(Throwable error) {
        error.stackTrace.find { it.fileName ==~ /Script\d+\.groovy/ }?.lineNumber
    }
}
