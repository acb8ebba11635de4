package io.jobline.dsl

import groovy.transform.CompileStatic
import io.jobline.future.JobFuture
import org.codehaus.groovy.ast.ASTNode
import org.codehaus.groovy.ast.AnnotationNode
import org.codehaus.groovy.ast.ClassHelper
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.InnerClassNode
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.Parameter
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.classgen.VariableScopeVisitor
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.transform.AbstractASTTransformation
import org.codehaus.groovy.transform.GroovyASTTransformation

import static org.codehaus.groovy.ast.tools.GeneralUtils.arrayX
import static org.codehaus.groovy.ast.tools.GeneralUtils.callX
import static org.codehaus.groovy.ast.tools.GeneralUtils.classX
import static org.codehaus.groovy.ast.tools.GeneralUtils.constX
import static org.codehaus.groovy.ast.tools.GeneralUtils.returnS
import static org.codehaus.groovy.ast.tools.GeneralUtils.varX
import static java.lang.reflect.Modifier.PUBLIC
import static java.lang.reflect.Modifier.STATIC

/**
 * Implements {@link Task}: moves the method's body into a new method {@code name$task} with the same parameters, and
 * makes the method itself submit a call of that one:
 *
 * <pre>
 * JobFuture render(frame) { return Tasks.submit('thread', 'render', this, 'render$task', [frame] as Object[]) }
 * def render$task(frame) { ...the original body... }
 * </pre>
 *
 * The moved method is public so that dynamic dispatch finds it from the executor's threads and from subclasses.
 */
@CompileStatic
@GroovyASTTransformation(phase = CompilePhase.SEMANTIC_ANALYSIS)
class TaskTransformation extends AbstractASTTransformation {

    static final String SUFFIX = '$task'
    private static final ClassNode TASK = ClassHelper.make(Task)
    private static final ClassNode TASKS = ClassHelper.make(Tasks)

    @Override
    void visit(ASTNode[] nodes, SourceUnit source) {
        init(nodes, source)
        AnnotationNode annotation = (AnnotationNode) nodes[0]
        if (annotation.classNode != TASK || !(nodes[1] instanceof MethodNode)) {
            return
        }
        MethodNode method = (MethodNode) nodes[1]
        if (method.abstract || method.code == null) {
            addError('@Task needs a method with a body; ' + method.name + ' has none', method)
            return
        }
        String backend = backendOf(annotation)
        if (backend == null) {
            return
        }
        ClassNode owner = method.declaringClass
        MethodNode body = moveBody(method, owner)
        method.code = submitting(method, body, backend, owner)
        method.returnType = ClassHelper.make(JobFuture).plainNodeReference
        rescope(owner, source)
    }

    private String backendOf(AnnotationNode annotation) {
        Expression value = annotation.getMember('backend')
        if (value == null) {
            return 'thread'
        }
        if (!(value instanceof ConstantExpression) || !(((ConstantExpression) value).value instanceof String)
                || !((String) ((ConstantExpression) value).value)) {
            addError("@Task(backend = ...) must be a backend name such as 'thread' or 'process', got " + value.text,
                    annotation)
            return null
        }
        (String) ((ConstantExpression) value).value
    }

    /**
     * The original body, under a new name, with copies of the parameters minus their defaults, and the method's
     * other annotations (so {@code @CompileStatic} and the like still apply to the body).
     */
    private static MethodNode moveBody(MethodNode method, ClassNode owner) {
        Parameter[] params = method.parameters.collect { Parameter p -> new Parameter(copyOf(p.type), p.name) } as Parameter[]
        MethodNode moved = new MethodNode(method.name + SUFFIX, PUBLIC | (method.static ? STATIC : 0),
                method.returnType, params, method.exceptions, method.code)
        moved.genericsTypes = method.genericsTypes
        moved.addAnnotations(method.annotations.findAll { AnnotationNode a -> a.classNode != TASK })
        moved.sourcePosition = method
        owner.addMethod(moved)
        moved
    }

    /** A type node of its own, generics kept (so a statically compiled body still knows {@code List<String>}). */
    private static ClassNode copyOf(ClassNode type) {
        ClassNode copy = type.plainNodeReference
        copy.genericsTypes = type.genericsTypes
        copy
    }

    private static BlockStatement submitting(MethodNode method, MethodNode body, String backend, ClassNode owner) {
        Expression receiver = method.static ? classX(owner) : varX('this')
        Expression args = arrayX(ClassHelper.OBJECT_TYPE, method.parameters.collect { Parameter p -> (Expression) varX(p) })
        Expression submit = callX(TASKS, 'submit',
                new ArgumentListExpression(
                        constX(backend), constX(method.name), receiver, constX(body.name), args))
        BlockStatement code = new BlockStatement()
        code.addStatement(returnS(submit))
        code.sourcePosition = method.code
        code
    }

    /** The moved body's variables must be bound to the new method's parameters. */
    private static void rescope(ClassNode owner, SourceUnit source) {
        VariableScopeVisitor visitor = new VariableScopeVisitor(source, owner instanceof InnerClassNode)
        visitor.visitClass(owner instanceof InnerClassNode ? ((InnerClassNode) owner).outerMostClass : owner)
    }
}
