package io.jobline.remote;

import io.jobline.function.JobFunction;

/** Plain Java functions for the remote-call specs: on the class path of every child JVM the specs start. */
public final class RemoteFunctions {

    private RemoteFunctions() {
    }

    /** (a, b) → a + b, as longs. */
    public static final class Add implements JobFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public Object call(Object... args) {
            return ((Number) args[0]).longValue() + ((Number) args[1]).longValue();
        }
    }

    /** (message) → throws an IllegalStateException(message) caused by an IllegalArgumentException with a suppressed one. */
    public static final class FailWithCauses implements JobFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public Object call(Object... args) {
            IllegalArgumentException cause = new IllegalArgumentException("the cause");
            cause.addSuppressed(new UnsupportedOperationException("suppressed"));
            throw new IllegalStateException((String) args[0], cause);
        }
    }

    /** () → where it runs: {@link io.jobline.backend.Backends#current()}. */
    public static final class Where implements JobFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public Object call(Object... args) {
            return io.jobline.backend.Backends.current();
        }
    }
}
