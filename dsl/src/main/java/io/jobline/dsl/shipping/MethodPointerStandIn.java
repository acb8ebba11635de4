package io.jobline.dsl.shipping;

import java.io.Serializable;

import org.codehaus.groovy.runtime.MethodClosure;

/**
 * What is written for a method pointer ({@code this.&name}): its owner and the method's name. Groovy 4 refuses to
 * read a {@link MethodClosure} itself, so the reader makes a new one.
 */
final class MethodPointerStandIn implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Object owner;
    private final String method;

    MethodPointerStandIn(MethodClosure pointer) {
        this.owner = pointer.getOwner();
        this.method = pointer.getMethod();
    }

    MethodClosure pointer() {
        Object target = owner instanceof ScriptStandIn ? ((ScriptStandIn) owner).script() : owner;
        return new MethodClosure(target, method);
    }
}
