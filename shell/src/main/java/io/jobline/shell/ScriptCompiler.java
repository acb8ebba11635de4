package io.jobline.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import javax.lang.model.SourceVersion;

import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import io.jobline.dsl.JoblineDsl;

/**
 * Compiles a job script file with the Jobline DSL installed.
 *
 * <p>The script keeps its file name as its source name, so stack frames and compile errors name the real file
 * ({@code my-job.groovy:12}); its class gets a valid Java identifier derived from that name ({@code my_job}), which
 * tools that generate or ship code by class name can rely on.
 */
final class ScriptCompiler {

    /** Groovy's keywords that Java does not reserve: a class with one of these names could not be referenced. */
    private static final Set<String> GROOVY_KEYWORDS = Set.of("as", "def", "in", "trait", "var", "yield", "record",
            "sealed", "permits", "non-sealed");

    private ScriptCompiler() {
    }

    /**
     * @param binding the script's variables ({@code args} …)
     * @throws CompilationFailedException if it does not compile
     *         ({@link org.codehaus.groovy.control.MultipleCompilationErrorsException} lists every error)
     */
    static Script compile(ScriptSource source, Binding binding) {
        return compile(source, binding, ScriptCompiler.class.getClassLoader());
    }

    /** @param parent the parent of the script's class loader: must see Jobline's classes */
    static Script compile(ScriptSource source, Binding binding, ClassLoader parent) {
        if (source.text().contains("Grab")) { // cheap: Grape's set-up is only needed by scripts that grab
            GrapeSettings.configure();
        }
        CompilerConfiguration config = JoblineDsl.compilerConfiguration();
        config.addCompilationCustomizers(new ScriptClassName(className(source.sourceName())));
        GroovyShell shell = JoblineDsl.bind(config, new GroovyShell(parent, binding, config));
        return shell.parse(new GroovyCodeSource(source.text(), source.sourceName(), GroovyShell.DEFAULT_CODE_BASE));
    }

    /** Compiles a file; see {@link #compile(ScriptSource, Binding)}. */
    static Script compile(Path file, Binding binding) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return compile(new ScriptSource(text, file.toString(), file.getFileName().toString()), binding);
    }

    /** @return {@code fileName} without its extension, made a valid Java identifier that no keyword shadows */
    static String className(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        StringBuilder name = new StringBuilder();
        // '$' is legal but reads as a nested class name; ignorable characters are legal but invisible.
        base.codePoints().forEach(c -> name.appendCodePoint(
                Character.isJavaIdentifierPart(c) && c != '$' && !Character.isIdentifierIgnorable(c) ? c : '_'));
        if (name.length() == 0 || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            name.insert(0, '_');
        }
        String result = name.toString();
        return SourceVersion.isKeyword(result) || GROOVY_KEYWORDS.contains(result) ? result + "_" : result;
    }

    /** Renames the script class; the module keeps the file name, which is what stack frames show. */
    private static final class ScriptClassName extends CompilationCustomizer {

        private final String name;

        ScriptClassName(String name) {
            super(CompilePhase.CONVERSION);
            this.name = name;
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            if (classNode.isScript()) {
                classNode.setName(name);
            }
        }
    }
}
