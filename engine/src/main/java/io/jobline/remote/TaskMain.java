package io.jobline.remote;

import io.jobline.backend.Backends;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The main class of a farm task: runs one call of a bundle folder ({@link BundleFolder}) and writes how it ended.
 *
 * <pre>java -cp &lt;Jobline's and the script's class path&gt; io.jobline.remote.TaskMain BUNDLE_DIR INDEX [KEY_FILE]</pre>
 *
 * <p>It reads and verifies {@code BUNDLE_DIR/bundle} and {@code BUNDLE_DIR/call-INDEX} with the key in
 * {@code KEY_FILE} (default: {@code key} in the bundle folder's parent, the executor's folder), runs the call with
 * {@link CallRunner} (the runner a process backend's workers use), and writes {@code BUNDLE_DIR/result-INDEX}
 * atomically. What the call prints goes to this process's stdout and stderr (the task's log). The farm names itself
 * with {@code -Djobline.backend=NAME} ({@link Backends#current()} then returns it to the call; default {@code task}).
 *
 * <p>Exit codes: {@value #OK} when the result file is written, also when the call threw (the file says so);
 * {@value #USAGE} bad arguments; {@value #BAD_BUNDLE} the bundle cannot be read or is refused (tampered, foreign,
 * missing); {@value #CANNOT_WRITE} the result cannot be written. The message goes to stderr, prefixed
 * {@code jobline task:}.
 */
public final class TaskMain {

    public static final int OK = 0;
    public static final int USAGE = 64;
    public static final int BAD_BUNDLE = 65;
    public static final int CANNOT_WRITE = 74;

    /** The system property that names the farm a task runs on, for {@link Backends#current()}. */
    public static final String BACKEND_PROPERTY = "jobline.backend";

    private TaskMain() {
    }

    public static void main(String[] args) {
        int status = run(args);
        System.out.flush();
        System.err.flush();
        // A call may have left non-daemon threads behind: the task is over when its result is written.
        Runtime.getRuntime().halt(status);
    }

    /** Does the work of {@link #main} and returns its exit code instead of exiting (for tests). */
    static int run(String... args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("jobline task: usage: java -cp CLASSPATH " + TaskMain.class.getName()
                    + " BUNDLE_DIR INDEX [KEY_FILE]");
            return USAGE;
        }
        Path dir = Paths.get(args[0]).toAbsolutePath().normalize();
        int index;
        try {
            index = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            System.err.println("jobline task: INDEX must be a call number (0, 1 …), got '" + args[1] + "'");
            return USAGE;
        }
        Path keyFile = args.length == 3 ? Paths.get(args[2]) : dir.getParent().resolve("key");
        BundleFolder folder;
        CallRunner runner = new CallRunner();
        BundleFolder.TaskCall call;
        try {
            folder = BundleFolder.open(dir, BundleKey.load(keyFile));
            BundleFolder.Contents contents = folder.load(runner);
            call = folder.call(index, contents);
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println("jobline task: cannot run call " + index + " of " + dir + ": " + e.getMessage());
            return BAD_BUNDLE;
        }
        Backends.runningIn(System.getProperty(BACKEND_PROPERTY, "task"));
        Outcome outcome = runner.run(call.function(), call.args(), call.what());
        try {
            folder.writeResult(index, outcome);
        } catch (IOException | RuntimeException e) {
            System.err.println("jobline task: cannot write the result of call " + index + " to " + dir + ": " + e);
            return CANNOT_WRITE;
        }
        return OK;
    }
}
