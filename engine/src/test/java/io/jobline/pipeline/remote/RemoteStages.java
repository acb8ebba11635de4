package io.jobline.pipeline.remote;

import io.jobline.function.Emitter;
import io.jobline.function.JobFunction;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Stage functions for pipelines on the process backend. They are classes on the test class path, so worker JVMs
 * (started with that class path) have them; each is serializable as every JobFunction is.
 */
public final class RemoteStages {

    private RemoteStages() {
    }

    /** x -> x * x, run wherever it is shipped. */
    public static final class Square implements JobFunction {
        @Override
        public Object call(Object... args) {
            int x = (Integer) args[0];
            return x * x;
        }
    }

    /** x -> the pid of the JVM that ran it. */
    /** Returns the worker's system property {@code jobline.test}, set with {@code jvmArgs}. */
    public static final class Property implements JobFunction {
        @Override
        public Object call(Object... args) {
            return System.getProperty("jobline.test", "unset");
        }
    }

    public static final class Pid implements JobFunction {
        @Override
        public Object call(Object... args) {
            return ProcessHandle.current().pid();
        }
    }

    /** (x, emit) -> emits x and -x: the emit form (two parameters), whose emitter cannot cross processes. */
    public static final class PlusMinus implements BiConsumer<Object, Object>, Serializable {
        @Override
        public void accept(Object item, Object emitter) {
            int x = (Integer) item;
            Emitter emit = (Emitter) emitter;
            emit.emit(x);
            emit.emit(-x);
        }
    }

    /** x -> [x, x]: fans out when the stage says fanOut. */
    public static final class Twice implements JobFunction {
        @Override
        public Object call(Object... args) {
            return List.of(args[0], args[0]);
        }
    }

    /**
     * For a fanOut stage: x divisible by 3 gives [] (dropped); x = 1 (mod 3) gives [x, -x]; otherwise x fails when
     * divisible by 5, else gives [x].
     */
    public static final class Mix implements JobFunction {
        @Override
        public Object call(Object... args) {
            int x = (Integer) args[0];
            if (x % 3 == 0) {
                return List.of();
            }
            if (x % 3 == 1) {
                return List.of(x, -x);
            }
            if (x % 5 == 0) {
                throw new IllegalStateException("no " + x);
            }
            return List.of(x);
        }
    }

    /** Fails for odd items with an exception that has a cause. */
    public static final class FailOdd implements JobFunction {
        @Override
        public Object call(Object... args) {
            int x = (Integer) args[0];
            if (x % 2 == 1) {
                throw new IllegalStateException("odd " + x, new IOException("cause of " + x));
            }
            return x;
        }
    }

    /**
     * Once per marker file, at item {@code at}: the worker JVM running it is killed with SIGKILL (or calls
     * System.exit(3)); every other call, and the same item run again, returns the item.
     */
    public static final class DieOnce implements JobFunction {
        private final int at;
        private final String marker;
        private final boolean exit;

        public DieOnce(int at, Path marker, boolean exit) {
            this.at = at;
            this.marker = marker.toString();
            this.exit = exit;
        }

        @Override
        public Object call(Object... args) throws Exception {
            int x = (Integer) args[0];
            if (x == at && firstTime()) {
                if (exit) {
                    System.exit(3);
                }
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(60_000); // the signal ends this JVM before it gets here
            }
            return x;
        }

        private boolean firstTime() throws IOException {
            try {
                Files.writeString(Path.of(marker), "died", StandardOpenOption.CREATE_NEW);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
    }

    /**
     * Says "started x" on its stdout (forwarded to the caller as a worker line), then waits in the worker until
     * the release file exists, then returns x. Lets a spec look at a run while a worker is busy with it.
     */
    public static final class HoldUntil implements JobFunction {
        private final String release;

        public HoldUntil(Path release) {
            this.release = release.toString();
        }

        @Override
        public Object call(Object... args) throws Exception {
            System.out.println("started " + args[0]);
            while (!Files.exists(Path.of(release))) {
                Thread.sleep(10); // slowness inside the task, not synchronization of the spec
            }
            return args[0];
        }
    }
}
