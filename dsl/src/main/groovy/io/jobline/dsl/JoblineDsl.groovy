package io.jobline.dsl

import io.jobline.dsl.shipping.CodeUnits
import io.jobline.dsl.shipping.SerializableClasses
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

import java.lang.reflect.Modifier

/**
 * Installs the Jobline DSL into Groovy: one call gives a {@link CompilerConfiguration} (or a ready {@link GroovyShell})
 * whose scripts see every Jobline name with no imports.
 *
 * <pre>
 * def shell = new GroovyShell(JoblineDsl.install(new CompilerConfiguration()))
 * shell.evaluate('pipeline { stage { it * 2 } }.run(1..3)')
 * </pre>
 */
final class JoblineDsl {

    /** Packages whose classes scripts may name without imports. */
    static final List<String> PACKAGES = ['io.jobline.pipeline', 'io.jobline.executor', 'io.jobline.future',
                                          'io.jobline.pool', 'io.jobline.function', 'io.jobline.farm',
                                          'io.jobline.maya'].asImmutable()

    private JoblineDsl() {
    }

    /**
     * Adds Jobline to {@code config} and returns it: the imports ({@code @Task}, {@code Jobline}, {@code Duration},
     * the engine's packages, and {@code Jobline}'s static words, which also reach classes declared in scripts), the
     * customizer that names stages after their variables, and {@link JoblineScript} as script base class unless
     * {@code config} already has one of its own. Installing twice does no harm.
     *
     * <p>So that what the scripts define can run in worker processes ({@code backend: 'process'}), the classes they
     * declare are made {@link Serializable}, and the bytecode of everything {@code config} compiles is recorded (one
     * {@link io.jobline.shipping.CodeUnit} per configuration). A shell using {@code config} should be introduced with
     * {@link #bind}; {@link #newShell} does it.
     */
    static CompilerConfiguration install(CompilerConfiguration config) {
        if (CodeUnits.of(config) != null) {
            return config
        }
        String base = config.scriptBaseClass
        if (base == null || base == Script.name) {
            config.scriptBaseClass = JoblineScript.name
        }
        config.addCompilationCustomizers(new ImportCustomizer()
                .addImports(Task.name, Jobline.name, 'java.time.Duration')
                .addStarImports(PACKAGES as String[])
                .addStaticStars(Jobline.name),
                new StageNameCustomizer(),
                new SerializableClasses())
        CodeUnits.record(config)
        config
    }

    /**
     * Tells Jobline that the classes {@code config} compiles live under {@code shell}'s class loader, so that values
     * of those classes coming back from worker processes are of the very same classes. Without it the first class
     * shipped binds it.
     *
     * @return {@code shell}
     */
    static GroovyShell bind(CompilerConfiguration config, GroovyShell shell) {
        CodeUnits.bind(config, shell.classLoader)
        shell
    }

    /** @return a new configuration with the DSL installed */
    static CompilerConfiguration compilerConfiguration() {
        install(new CompilerConfiguration())
    }

    /** @return every name a script gets from the DSL, sorted: the words and the constants (for completion and help) */
    static SortedSet<String> words() {
        SortedSet<String> words = new TreeSet<>(methodWords())
        words.addAll(constants())
        words.add('stage')
        Collections.unmodifiableSortedSet(words)
    }

    /** @return the names of {@link Jobline}'s static methods: the words that are calls */
    static Set<String> methodWords() {
        Set<String> getters = constants().collect { 'get' + it }.toSet()
        publicStaticMethods().findAll { !(it in getters) }.toSet().asImmutable()
    }

    /** Jobline's constants are Groovy properties: a private field with a public static getter. */
    private static Set<String> constants() {
        Set<String> methods = publicStaticMethods()
        Jobline.declaredFields.findAll { Modifier.isStatic(it.modifiers) && ('get' + it.name) in methods }*.name.toSet()
    }

    private static Set<String> publicStaticMethods() {
        Jobline.declaredMethods.findAll {
            Modifier.isStatic(it.modifiers) && Modifier.isPublic(it.modifiers) && !it.synthetic
        }*.name.toSet()
    }

    /** @return a shell whose scripts run with the DSL installed */
    static GroovyShell newShell(Binding binding = new Binding(), ClassLoader parent = JoblineDsl.classLoader) {
        CompilerConfiguration config = compilerConfiguration()
        bind(config, new GroovyShell(parent, binding, config))
    }
}
