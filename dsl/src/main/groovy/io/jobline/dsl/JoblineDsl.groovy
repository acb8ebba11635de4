package io.jobline.dsl

import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

/**
 * Installs the Jobline DSL into Groovy: one call gives a {@link CompilerConfiguration} (or a ready {@link GroovyShell})
 * whose scripts see every Jobline name with no imports.
 */
final class JoblineDsl {

    private JoblineDsl() {
    }

    /** Adds Jobline's imports and script base class to {@code config} and returns it. */
    static CompilerConfiguration install(CompilerConfiguration config) {
        config.scriptBaseClass = JoblineScript.name
        config.addCompilationCustomizers(imports())
        config
    }

    /** @return a new configuration with the DSL installed */
    static CompilerConfiguration compilerConfiguration() {
        install(new CompilerConfiguration())
    }

    /** @return a shell whose scripts run with the DSL installed */
    static GroovyShell newShell(Binding binding = new Binding(), ClassLoader parent = JoblineDsl.classLoader) {
        new GroovyShell(parent, binding, compilerConfiguration())
    }

    private static ImportCustomizer imports() {
        new ImportCustomizer()
    }
}
