package io.jobline.testing

import io.jobline.shipping.CodeUnit

import javax.tools.ToolProvider
import java.nio.file.Files
import java.nio.file.Path

/** Compiles Java sources in a spec and records the classes in a CodeUnit, as a script compiler records its own. */
class UnitCompiler {

    /**
     * Compiles {@code classes} (binary name to source text) and records them in {@code unit}; later compilations in
     * the same {@code work} folder see the classes compiled before, as a script's later lines do.
     */
    static void compileInto(CodeUnit unit, Map<String, String> classes, Path work) {
        Path out = Files.createTempDirectory(work, 'classes')
        Path dir = Files.createTempDirectory(work, 'src')
        def files = classes.collect { name, text ->
            Path file = dir.resolve(name.substring(name.lastIndexOf('.') + 1) + '.java')
            Files.writeString(file, text)
            file.toString()
        }
        def javac = ToolProvider.systemJavaCompiler
        assert javac.run(null, null, null, ['-d', out.toString(), '-cp', System.getProperty('java.class.path') +
                File.pathSeparator + work.resolve('all').toString(), *files] as String[]) == 0
        classes.keySet().each { name ->
            byte[] code = Files.readAllBytes(out.resolve(name.replace('.', '/') + '.class'))
            unit.record(name, code)
            Path copy = work.resolve('all').resolve(name.replace('.', '/') + '.class')
            Files.createDirectories(copy.parent)
            Files.write(copy, code)
        }
    }
}
