package io.jobline.dsl.shipping;

import java.io.Serializable;

import org.codehaus.groovy.runtime.InvokerHelper;

import groovy.lang.GroovyInterceptable;
import groovy.lang.MetaClass;

/**
 * In a worker process, the place of a script's variable or field that could not be sent: any use of it (reading
 * the variable, calling a method, reading a property) fails with {@link #error()}, which names the variable and its
 * type. Immutable.
 */
public final class Unshipped implements GroovyInterceptable, Serializable {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final String type;
    private final String reason;

    /**
     * @param what   the value in the user's words: {@code variable 'conn'}
     * @param type   the value's class name
     * @param reason why it could not be sent
     */
    Unshipped(String what, String type, String reason) {
        this.what = what;
        this.type = type;
        this.reason = reason;
    }

    /** @return the error to throw where the value is used */
    public IllegalStateException error() {
        return new IllegalStateException(what + " of type " + type + " was not sent to the worker process, "
                + "so the function cannot use it there (" + reason + ")");
    }

    @Override
    public Object invokeMethod(String name, Object args) {
        throw error();
    }

    @Override
    public Object getProperty(String propertyName) {
        throw error();
    }

    @Override
    public void setProperty(String propertyName, Object newValue) {
        throw error();
    }

    @Override
    public MetaClass getMetaClass() {
        return InvokerHelper.getMetaClass(getClass());
    }

    @Override
    public void setMetaClass(MetaClass metaClass) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
        return "<" + what + " of type " + type + ", not sent to the worker process>";
    }
}
