package io.jobline.dsl

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MapEntryExpression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.MethodPointerExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

/**
 * Gives pipeline stages the name of the variable or method they were written with.
 *
 * <p>Inside the closure of a {@code pipeline} call, {@code stage add1, threads: 2} becomes
 * {@code stage([threads: 2], add1, 'add1')}, which {@link PipelineSpec} reads as "named add1 unless {@code name:}
 * says otherwise". Variables, properties ({@code fns.add1}) and method pointers ({@code this.&add1}) are named;
 * closures written in place and anything else keep the positional default ({@code stage3}). The call keeps its
 * source position, so errors still point at the script's line.
 */
@CompileStatic
class StageNameCustomizer extends CompilationCustomizer {

    /** Names that say nothing about the stage: a loop's closure parameter, Groovy's implicit variables. */
    private static final Set<String> MEANINGLESS = ['it', 'this', 'super', 'owner', 'delegate'] as Set

    StageNameCustomizer() {
        super(CompilePhase.CONVERSION)
    }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new Visitor(source).visitClass(classNode)
    }

    /** @return the name {@code stage expression} should default to, or {@code null} when there is none */
    static String nameOf(Expression fn) {
        String name = null
        if (fn instanceof VariableExpression) {
            name = ((VariableExpression) fn).name
        } else if (fn instanceof PropertyExpression) {
            name = ((PropertyExpression) fn).propertyAsString
        } else if (fn instanceof MethodPointerExpression) {
            name = ((MethodPointerExpression) fn).methodName instanceof ConstantExpression
                    ? ((MethodPointerExpression) fn).methodName.text : null
        }
        name in MEANINGLESS ? null : name
    }

    private static final class Visitor extends ClassCodeVisitorSupport {

        private final SourceUnit source
        private int pipelineDepth

        Visitor(SourceUnit source) {
            this.source = source
        }

        @Override
        protected SourceUnit getSourceUnit() {
            source
        }

        @Override
        void visitMethodCallExpression(MethodCallExpression call) {
            boolean opensPipeline = call.methodAsString == 'pipeline' && lastArgument(call) instanceof ClosureExpression
            if (pipelineDepth > 0 && call.implicitThis && call.methodAsString == 'stage') {
                addDefaultName(call)
            }
            if (opensPipeline) {
                pipelineDepth++
            }
            try {
                super.visitMethodCallExpression(call)
            } finally {
                if (opensPipeline) {
                    pipelineDepth--
                }
            }
        }

        private static Expression lastArgument(MethodCallExpression call) {
            List<Expression> args = arguments(call)
            args ? args.last() : null
        }

        private static List<Expression> arguments(MethodCallExpression call) {
            call.arguments instanceof TupleExpression ? ((TupleExpression) call.arguments).expressions : []
        }

        private static void addDefaultName(MethodCallExpression call) {
            List<Expression> args = arguments(call)
            MapExpression options = args && args.first() instanceof MapExpression ? (MapExpression) args.first() : null
            List<Expression> positional = options == null ? args : args.tail()
            if (positional.size() != 1 || (options != null && hasKey(options, 'name'))) {
                return
            }
            String name = nameOf(positional.first())
            if (name == null) {
                return
            }
            ArgumentListExpression named = new ArgumentListExpression(
                    options ?: new MapExpression(), positional.first(), new ConstantExpression(name))
            named.sourcePosition = call.arguments
            call.arguments = named
        }

        private static boolean hasKey(MapExpression options, String key) {
            options.mapEntryExpressions.any { MapEntryExpression entry -> entry.keyExpression.text == key }
        }
    }
}
