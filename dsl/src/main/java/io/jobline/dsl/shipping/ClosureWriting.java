package io.jobline.dsl.shipping;

import groovy.lang.Closure;

/**
 * The closure to write in place of one that holds something that cannot be sent but that it does not need: a
 * delegate that is a builder of this JVM (the {@code pipeline { }} spec, say), an owner or this-object of a class that
 * is not serializable, Groovy's boolean-wrapper cache. Captured variables are never dropped: a closure that captures
 * something that cannot be sent fails to pack, with a message naming the variable.
 */
final class ClosureWriting {

    private ClosureWriting() {
    }

    /** @return {@code closure} itself when it can be written as it is, else a clone without those parts */
    static Closure<?> forWriting(Closure<?> closure) {
        Object owner = closure.getOwner();
        Object delegate = closure.getDelegate();
        Object thisObject = ClosureFields.thisObject(closure);
        boolean ownerOk = Sendable.direct(owner);
        boolean delegateOk = Sendable.direct(delegate);
        boolean thisOk = Sendable.direct(thisObject);
        if (ownerOk && delegateOk && thisOk && ClosureFields.booleanWrapper(closure) == null) {
            return closure;
        }
        Object newOwner = ownerOk ? owner : placeholder("the owner", owner);
        Object newThis = thisOk ? thisObject : thisObject == owner ? newOwner : placeholder("the this-object", thisObject);
        // Groovy's default delegate is the owner: resolution falls back to what the closure was written in.
        Object newDelegate = delegateOk ? delegate : newOwner;
        Closure<?> copy = (Closure<?>) closure.clone();
        ClosureFields.set(copy, newOwner, newDelegate, newThis);
        return copy;
    }

    private static Unshipped placeholder(String what, Object value) {
        return new Unshipped(what + " of the closure", value.getClass().getName(), "it is not serializable");
    }
}
