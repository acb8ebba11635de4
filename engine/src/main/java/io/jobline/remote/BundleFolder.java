package io.jobline.remote;

import io.jobline.shipping.CodeUnit;
import io.jobline.shipping.Packet;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CallBundle} as files in a folder on storage that the submitting JVM and the tasks both see (a farm's
 * shared {@code workDir}), for {@link TaskMain} to run call by call; docs/remote-calls.md has the layout. The
 * folder is 0700, every file 0600, written under a temporary name and renamed, and signed with the executor's
 * {@link BundleKey}: a task refuses a bundle, and the submitter a result, that the key did not sign.
 *
 * <p>Layout: {@code bundle} (code units, functions, number of calls), {@code call-<i>} (call i's arguments, i from
 * 0), {@code result-<i>} (how call i ended, an {@link Outcome}, written by the task), and {@code jars/} (copies of
 * the units' jars, when asked for). Thread-safe.
 */
public final class BundleFolder {

    static final String BUNDLE = "bundle";
    static final int VERSION = 1;

    private final Path dir;
    private final BundleKey key;
    private final int size;

    private BundleFolder(Path dir, BundleKey key, int size) {
        this.dir = dir;
        this.key = key;
        this.size = size;
    }

    /**
     * Writes {@code bundle} into the new folder {@code dir} (its parent must exist; the folder must not).
     *
     * @param copyJars copy the jars the units' loaders search into {@code dir/jars/} and point the task there (for
     *                 jars only this machine sees, such as {@code @Grab}'s cache); false: the task uses the same paths
     * @throws IOException if the folder exists already or cannot be written
     */
    public static BundleFolder write(Path dir, CallBundle bundle, BundleKey key, boolean copyJars) throws IOException {
        PrivateFiles.createFolder(dir);
        List<CodeDelta> units = new ArrayList<>();
        for (CodeUnit unit : bundle.units()) {
            CodeDelta whole = CodeDelta.of(unit, 0);
            units.add(copyJars ? new CodeDelta(whole.unitId(), whole.classes(), copies(whole.jars(), dir)) : whole);
        }
        // Calls first, bundle last: a task that finds the bundle finds its calls.
        for (int i = 0; i < bundle.size(); i++) {
            CallBundle.Call call = bundle.calls().get(i);
            SignedPacket.write(dir, "call-" + i, SignedPacket.bytes(out -> {
                out.writeInt(call.function());
                out.writeUTF(call.what());
                Wire.writeBytes(out, call.args().bytes());
            }), key);
        }
        SignedPacket.write(dir, BUNDLE, SignedPacket.bytes(out -> {
            out.writeInt(VERSION);
            out.writeInt(units.size());
            for (CodeDelta unit : units) {
                unit.write(out);
            }
            out.writeInt(bundle.functions().size());
            for (Packet function : bundle.functions()) {
                Wire.writeBytes(out, function.bytes());
            }
            out.writeInt(bundle.size());
        }), key);
        return new BundleFolder(dir, key, bundle.size());
    }

    /** @return the folder of a bundle written before (by this JVM or another one that had the key) */
    public static BundleFolder open(Path dir, BundleKey key) throws IOException {
        return new BundleFolder(dir, key, read(dir, key).calls);
    }

    public Path dir() {
        return dir;
    }

    /** @return how many calls the bundle has */
    public int size() {
        return size;
    }

    /**
     * @return how call {@code index} ended, or {@code null} while it has no result file
     * @throws TamperedPacketException if the result file was not signed with this bundle's key for this call
     */
    public Outcome result(int index) throws IOException {
        checkIndex(index);
        byte[] content = SignedPacket.read(dir, resultName(index), key);
        return content == null ? null : Outcome.fromBytes(content);
    }

    /** @return the name of call {@code index}'s result file in the folder */
    public static String resultName(int index) {
        return "result-" + index;
    }

    /** In a task: writes how call {@code index} ended, atomically. */
    void writeResult(int index, Outcome outcome) throws IOException {
        checkIndex(index);
        SignedPacket.write(dir, resultName(index), outcome.toBytes(), key);
    }

    /** In a task: defines the bundle's code units and makes the runner know its functions (ids 0, 1 …). */
    Contents load(CallRunner runner) throws IOException {
        Contents contents = read(dir, key);
        contents.units.forEach(CodeDelta::define);
        for (int i = 0; i < contents.functions.size(); i++) {
            runner.define(i, contents.functions.get(i));
        }
        return contents;
    }

    /** A call as a task reads it: its function's id, the call in words, its packed arguments. */
    record TaskCall(int function, String what, byte[] args) {
    }

    /** In a task: call {@code index}. */
    TaskCall call(int index, Contents contents) throws IOException {
        checkIndex(index);
        byte[] content = SignedPacket.read(dir, "call-" + index, key);
        if (content == null) {
            throw new IOException("the bundle " + dir + " has no call " + index + " (no file call-" + index + ")");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(content));
        int function = in.readInt();
        if (function < 0 || function >= contents.functions.size()) {
            throw new IOException("call " + index + " of " + dir + " names function " + function + " of "
                    + contents.functions.size());
        }
        String what = in.readUTF();
        return new TaskCall(function, what, Wire.readBytes(in));
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("call index " + index + " is outside the bundle " + dir + " (it has "
                    + size + " call" + (size == 1 ? "" : "s") + ": 0 to " + (size - 1) + ")");
        }
    }

    /** What the {@code bundle} file holds. */
    record Contents(List<CodeDelta> units, List<byte[]> functions, int calls) {
    }

    private static Contents read(Path dir, BundleKey key) throws IOException {
        byte[] content = SignedPacket.read(dir, BUNDLE, key);
        if (content == null) {
            throw new IOException(dir + " is not a bundle folder (no file '" + BUNDLE + "')");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(content));
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("the bundle " + dir + " has format version " + version + "; this Jobline reads "
                    + VERSION);
        }
        int unitCount = in.readInt();
        List<CodeDelta> units = new ArrayList<>();
        for (int i = 0; i < unitCount; i++) {
            units.add(CodeDelta.read(in));
        }
        int functionCount = in.readInt();
        List<byte[]> functions = new ArrayList<>();
        for (int i = 0; i < functionCount; i++) {
            functions.add(Wire.readBytes(in));
        }
        return new Contents(units, functions, in.readInt());
    }

    private static List<URL> copies(List<URL> jars, Path dir) throws IOException {
        List<URL> copied = new ArrayList<>();
        Path jarDir = dir.resolve("jars");
        for (URL jar : jars) {
            Path source;
            try {
                source = Paths.get(jar.toURI());
            } catch (Exception e) {
                copied.add(jar);
                continue;
            }
            if (!Files.isRegularFile(source)) {
                copied.add(jar);
                continue;
            }
            PrivateFiles.createFolders(jarDir);
            Path target = jarDir.resolve(copied.size() + "-" + source.getFileName());
            PrivateFiles.write(target, Files.readAllBytes(source));
            copied.add(target.toUri().toURL());
        }
        return copied;
    }
}
