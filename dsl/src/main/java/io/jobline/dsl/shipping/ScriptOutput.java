package io.jobline.dsl.shipping;

import java.io.ObjectStreamException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.Writer;

/**
 * What is sent for a script's {@code out} variable, the stream its {@code println} writes to ({@code jobline run},
 * groovysh and most embedders set one): a stream cannot cross, but the intent can. In the worker it is that
 * process's {@code System.out}, whose lines reach the caller's output prefixed with the worker's name.
 */
final class ScriptOutput implements Serializable {

    private static final long serialVersionUID = 1L;

    static final ScriptOutput INSTANCE = new ScriptOutput();

    private ScriptOutput() {
    }

    /** @return whether {@code name}/{@code value} is a script's output stream, to be sent as this stand-in */
    static boolean is(String name, Object value) {
        return "out".equals(name) && (value instanceof PrintStream || value instanceof Writer);
    }

    /** Read back as the receiving process's own {@code System.out} (a stream as of the moment it is read). */
    private Object readResolve() throws ObjectStreamException {
        return new StandardOut();
    }

    /** Resolves to {@code System.out} at each use, so a worker's replaced {@code System.out} is the one written. */
    static final class StandardOut extends PrintStream {

        StandardOut() {
            super(System.out, true);
        }

        @Override
        public void write(int b) {
            System.out.write(b);
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            System.out.write(buf, off, len);
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
            System.out.flush(); // a script closing its out must not close the worker's stdout (the transport)
        }
    }
}
