package io.jobline.backend.process;

import io.jobline.function.JobFunction;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Functions the process backend specs run in worker processes. */
public final class TestFunctions {

    private TestFunctions() {
    }

    /** x → x * x */
    public static final class Square implements JobFunction {
        @Override
        public Object call(Object... args) {
            long x = ((Number) args[0]).longValue();
            return x * x;
        }
    }

    /** () → the pid of the process it runs in */
    public static final class Pid implements JobFunction {
        @Override
        public Object call(Object... args) {
            return ProcessHandle.current().pid();
        }
    }

    /** (ms, value) → value, after sleeping ms (interruptible) */
    public static final class Sleep implements JobFunction {
        @Override
        public Object call(Object... args) throws InterruptedException {
            Thread.sleep(((Number) args[0]).longValue());
            return args[1];
        }
    }

    /**
     * (marker path, x) → x * x; the first call (the marker file does not exist yet) creates the marker and then
     * prints {@code started <marker>} and sleeps a minute, so that a spec can kill its worker in the middle of it.
     */
    public static final class SlowFirstTime implements JobFunction {
        @Override
        public Object call(Object... args) throws InterruptedException {
            Path marker = Paths.get((String) args[0]);
            if (!Files.exists(marker)) {
                try {
                    Files.createFile(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.out.println("started " + marker);
                Thread.sleep(60_000);
            }
            long x = ((Number) args[1]).longValue();
            return x * x;
        }
    }

    /** Never ends by itself and ignores interrupts; prints {@code spinning} when it starts. */
    public static final class Spin implements JobFunction {
        @Override
        public Object call(Object... args) {
            System.out.println("spinning");
            long count = 0;
            while (count >= 0) {
                count += System.nanoTime() & 1;
            }
            return count;
        }
    }

    /** (message) → throws an IllegalStateException with an IOException cause and a suppressed exception */
    public static final class Fail implements JobFunction {
        @Override
        public Object call(Object... args) {
            IllegalStateException failure = new IllegalStateException("outer: " + args[0],
                    new IOException("inner cause"));
            failure.addSuppressed(new IllegalArgumentException("suppressed one"));
            throw failure;
        }
    }

    /** (class name, message) → throws a new instance of that RuntimeException class, loaded in the worker */
    public static final class ThrowByName implements JobFunction {
        @Override
        public Object call(Object... args) throws Exception {
            Class<?> type = Class.forName((String) args[0]);
            throw (RuntimeException) type.getConstructor(String.class).newInstance((String) args[1]);
        }
    }

    /** () → throws an exception that holds something not serializable */
    public static final class ThrowHolding implements JobFunction {
        @Override
        public Object call(Object... args) {
            throw new HoldingException("holds a lock", new IllegalStateException("its cause"));
        }
    }

    /** An exception that cannot be serialized. */
    public static final class HoldingException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object lock = new Object();

        HoldingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** () → a value that cannot be serialized */
    public static final class Unserializable implements JobFunction {
        @Override
        public Object call(Object... args) {
            return new Object();
        }
    }

    /** (code) → System.exit(code) */
    public static final class Exit implements JobFunction {
        @Override
        public Object call(Object... args) {
            System.err.println("exiting with " + args[0]);
            System.exit(((Number) args[0]).intValue());
            return null;
        }
    }

    /** Allocates until the heap is full. */
    public static final class Hog implements JobFunction {
        @Override
        public Object call(Object... args) {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        }
    }

    /** (text) → prints two lines to System.out, a partial one, and one to System.err; returns "printed" */
    public static final class Print implements JobFunction {
        @Override
        public Object call(Object... args) {
            System.out.println("out " + args[0]);
            System.out.print("second " + args[0] + "\nno newline");
            System.err.println("err " + args[0]);
            return "printed";
        }
    }

    /** (name) → the value of that environment variable in the worker */
    public static final class Env implements JobFunction {
        @Override
        public Object call(Object... args) {
            return System.getenv((String) args[0]);
        }
    }

    /** () → the names of the worker's garbage collectors */
    public static final class GcNames implements JobFunction {
        @Override
        public Object call(Object... args) {
            List<String> names = new ArrayList<>();
            ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> names.add(gc.getName()));
            return names;
        }
    }

    /** (text) → writes a line straight to file descriptor 1, past System.out, as native code would; returns "raw" */
    public static final class RawWrite implements JobFunction {
        @Override
        public Object call(Object... args) throws IOException {
            FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
            stdout.write(("native " + args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            stdout.flush();
            return "raw";
        }
    }

    /**
     * (length) → writes a frame header straight to file descriptor 1 (the magic word, a RESULT type byte and that
     * length, with no body), as garbage on a worker's stdout could; then sleeps a minute
     */
    public static final class BogusFrame implements JobFunction {
        @Override
        public Object call(Object... args) throws IOException, InterruptedException {
            FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
            java.io.DataOutputStream out = new java.io.DataOutputStream(stdout);
            out.writeInt(0x4A4C4E21);
            out.writeByte(11);
            out.writeInt(((Number) args[0]).intValue());
            out.flush();
            Thread.sleep(60_000);
            return "late";
        }
    }

    /** () → throws a {@link BadMessageException}, whose getMessage() throws (as a Groovy message with a bug can) */
    public static final class ThrowBadMessage implements JobFunction {
        @Override
        public Object call(Object... args) {
            throw new BadMessageException();
        }
    }

    /** An exception whose {@code getMessage()} throws a NullPointerException. */
    public static final class BadMessageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new NullPointerException("the message's own bug");
        }
    }

    /** (depth) → throws a {@link DeepFailure} with that many causes: packing it overflows the stack */
    public static final class ThrowDeep implements JobFunction {
        @Override
        public Object call(Object... args) {
            DeepFailure failure = null;
            for (int i = ((Number) args[0]).intValue(); i > 0; i--) {
                failure = new DeepFailure(failure);
            }
            throw failure;
        }
    }

    /** An exception of a deep chain; no stack trace, so a long chain stays cheap. */
    public static final class DeepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeepFailure(Throwable cause) {
            super("deep", cause, false, false);
        }
    }

    /** (error class name) → a {@link Undecodable} result whose readObject (on the caller's side) throws that Error */
    public static final class ReturnUndecodable implements JobFunction {
        @Override
        public Object call(Object... args) {
            return new Undecodable((String) args[0]);
        }
    }

    /** A result that serializes, but whose readObject throws the Error it names (StackOverflowError, DecodeError). */
    public static final class Undecodable implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String error;

        Undecodable(String error) {
            this.error = error;
        }

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (error.equals("StackOverflowError")) {
                throw new StackOverflowError("a result too deep to read");
            }
            throw new DecodeError();
        }
    }

    /** An Error no one expects while reading a result. */
    public static final class DecodeError extends Error {
        private static final long serialVersionUID = 1L;

        DecodeError() {
            super("cannot decode");
        }
    }

    /** () → the pid of a {@code sleep 300} it started with inheritIO (so it holds the worker's stdout), at once */
    public static final class SpawnTool implements JobFunction {
        @Override
        public Object call(Object... args) throws IOException {
            return new ProcessBuilder("sleep", "300").inheritIO().start().pid();
        }
    }

    /**
     * () → starts {@code sleep 300} with inheritIO (so it holds the worker's stdout, the pipe to the caller), prints
     * {@code child <pid>} and then spins, ignoring interrupts (so a cancel kills the worker)
     */
    public static final class SpawnAndSpin implements JobFunction {
        @Override
        public Object call(Object... args) throws IOException {
            Process child = new ProcessBuilder("sleep", "300").inheritIO().start();
            System.out.println("child " + child.pid());
            long count = 0;
            while (count >= 0) {
                count += System.nanoTime() & 1;
            }
            return count;
        }
    }
}
