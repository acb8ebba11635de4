package io.jobline.shell.repl;

import java.util.List;

import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.EmptyExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

/**
 * Makes the variables an input declares at its top level ({@code def x = …}, {@code int n = 3},
 * {@code def (a, b) = …}, {@code @Field y = …}) binding variables, so that later inputs, which are other scripts,
 * see them. Each becomes an assignment: {@code x = …}, with a cast for a declared type ({@code n = (int) 3}).
 *
 * <p>Declarations inside blocks, closures, methods and classes stay local, as in any script. A declaration carrying
 * an annotation other than {@code @Field} is left alone (the annotation means something for the declaration). A
 * primitive declared without a value ({@code int n}) is left local too: there is no value to give it.
 */
final class TopLevelDeclarations extends CompilationCustomizer {

    TopLevelDeclarations() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            return;
        }
        MethodNode run = classNode.getMethod("run", Parameter.EMPTY_ARRAY);
        if (run == null || !(run.getCode() instanceof BlockStatement)) {
            return;
        }
        for (Statement statement : ((BlockStatement) run.getCode()).getStatements()) {
            if (statement instanceof ExpressionStatement) {
                ExpressionStatement expression = (ExpressionStatement) statement;
                if (expression.getExpression() instanceof DeclarationExpression) {
                    DeclarationExpression declaration = (DeclarationExpression) expression.getExpression();
                    Expression assignment = assignment(declaration);
                    if (assignment != null) {
                        expression.setExpression(assignment);
                    }
                }
            }
        }
    }

    /** @return the binding assignment for {@code declaration}, or null to leave it a local variable */
    private static Expression assignment(DeclarationExpression declaration) {
        if (!onlyFieldAnnotations(declaration.getAnnotations())) {
            return null;
        }
        Token assign = Token.newSymbol(Types.ASSIGN, declaration.getOperation().getStartLine(),
                declaration.getOperation().getStartColumn());
        Expression value = declaration.getRightExpression();
        Expression target;
        if (declaration.isMultipleAssignmentDeclaration()) {
            TupleExpression names = new TupleExpression();
            for (Expression element : declaration.getTupleExpression().getExpressions()) {
                names.addExpression(new VariableExpression(((VariableExpression) element).getName()));
            }
            target = names;
        } else {
            VariableExpression variable = declaration.getVariableExpression();
            ClassNode type = variable.getOriginType();
            boolean empty = value == null || value instanceof EmptyExpression;
            if (empty && ClassHelper.isPrimitiveType(type)) {
                return null;
            }
            if (empty) {
                value = ConstantExpression.NULL;
            } else if (!type.equals(ClassHelper.dynamicType()) && !ClassHelper.isObjectType(type)) {
                value = new CastExpression(type.getPlainNodeReference(), value);
            }
            target = new VariableExpression(variable.getName());
        }
        target.setSourcePosition(declaration.getLeftExpression());
        BinaryExpression result = new BinaryExpression(target, assign, value);
        result.setSourcePosition(declaration);
        return result;
    }

    private static boolean onlyFieldAnnotations(List<AnnotationNode> annotations) {
        for (AnnotationNode annotation : annotations) {
            String name = annotation.getClassNode().getName();
            if (!name.equals("Field") && !name.equals("groovy.transform.Field")) {
                return false;
            }
        }
        return true;
    }
}
