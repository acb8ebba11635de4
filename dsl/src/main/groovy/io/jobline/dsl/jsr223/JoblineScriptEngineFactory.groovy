package io.jobline.dsl.jsr223

import javax.script.ScriptEngine
import javax.script.ScriptEngineFactory

import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.jsr223.GroovyScriptEngineFactory
import org.codehaus.groovy.jsr223.GroovyScriptEngineImpl

import groovy.lang.GroovyClassLoader
import groovy.transform.CompileStatic
import io.jobline.dsl.JoblineDsl

/**
 * The JSR-223 ({@code javax.script}) engine named {@code jobline} (also {@code groovy-jobline}): Groovy's own engine
 * with the Jobline DSL installed, so a host that asks {@code new ScriptEngineManager().getEngineByName("jobline")}
 * evaluates job scripts as {@code jobline run} does (no imports, stages named after their variables). Bindings of
 * the script context are the scripts' variables, as with Groovy's engine. Found through
 * {@code META-INF/services/javax.script.ScriptEngineFactory}. (Groovy, not Java: it uses the DSL's Groovy classes,
 * which javac does not see.)
 */
@CompileStatic
final class JoblineScriptEngineFactory extends GroovyScriptEngineFactory {

    private static final List<String> NAMES = List.of("jobline", "groovy-jobline")

    @Override
    public String getEngineName() {
        return "Jobline (Groovy with the Jobline DSL)"
    }

    @Override
    public List<String> getNames() {
        return NAMES
    }

    /** Only by name: {@code .groovy} files and the Groovy MIME types stay Groovy's own engine's. */
    @Override
    public List<String> getExtensions() {
        return List.of()
    }

    @Override
    public List<String> getMimeTypes() {
        return List.of()
    }

    @Override
    public ScriptEngine getScriptEngine() {
        ClassLoader parent = Thread.currentThread().getContextClassLoader()
        if (parent == null) {
            parent = JoblineScriptEngineFactory.class.getClassLoader()
        }
        CompilerConfiguration config = JoblineDsl.install(new CompilerConfiguration())
        return new Engine(new GroovyClassLoader(parent, config), this)
    }

    /** Groovy's engine, saying which factory made it. */
    private static final class Engine extends GroovyScriptEngineImpl {

        private final JoblineScriptEngineFactory factory

        Engine(GroovyClassLoader loader, JoblineScriptEngineFactory factory) {
            super(loader)
            this.factory = factory
        }

        @Override
        public javax.script.ScriptEngineFactory getFactory() {
            return factory
        }
    }
}
