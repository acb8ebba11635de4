package io.jobline.shell.repl;

import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Names each input's script class ({@code jobline_shell_7}): a valid identifier whatever the source is called (a
 * {@code :load}ed {@code my-job.groovy} keeps its file name for stack frames and errors). Set before each compile, by
 * the evaluating thread.
 */
final class InputNaming extends CompilationCustomizer {

    static final String PREFIX = "jobline_shell_";

    private String next;

    InputNaming() {
        super(CompilePhase.CONVERSION);
    }

    void next(String name) {
        this.next = name;
    }

    /** @return whether {@code type} is the script class of an input */
    static boolean isInput(Class<?> type) {
        return type.getName().startsWith(PREFIX);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (classNode.isScript() && next != null) {
            classNode.setName(next);
        }
    }
}
