package io.jobline.remote;

import io.jobline.shipping.CodeUnit;
import io.jobline.shipping.Shipping;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Classes and jars of one {@link CodeUnit} that a receiver lacks: the classes recorded from some position on and
 * the jars its loader searches (all of them: a receiver adds those it has not yet). A process backend's worker gets
 * the delta since what it had; a bundle folder gets the whole unit. Immutable.
 *
 * <p>Encoding ({@link Wire}): int unit id, int n, n × (utf class name, bytes bytecode), int m, m × utf jar URL.
 */
public record CodeDelta(int unitId, List<CodeUnit.ClassFile> classes, List<URL> jars) {

    /** @return the classes of {@code unit} from position {@code from} on, and all its jars */
    public static CodeDelta of(CodeUnit unit, int from) {
        return new CodeDelta(unit.id(), unit.classesFrom(from), List.copyOf(unit.jars()));
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(unitId);
        out.writeInt(classes.size());
        for (CodeUnit.ClassFile file : classes) {
            out.writeUTF(file.name());
            Wire.writeBytes(out, file.bytecode());
        }
        out.writeInt(jars.size());
        for (URL jar : jars) {
            out.writeUTF(jar.toString());
        }
    }

    public static CodeDelta read(DataInput in) throws IOException {
        int unitId = in.readInt();
        int count = in.readInt();
        List<CodeUnit.ClassFile> classes = new ArrayList<>(Math.max(0, Math.min(count, 4096)));
        for (int i = 0; i < count; i++) {
            classes.add(new CodeUnit.ClassFile(in.readUTF(), Wire.readBytes(in)));
        }
        int jarCount = in.readInt();
        List<URL> jars = new ArrayList<>(Math.max(0, Math.min(jarCount, 4096)));
        for (int i = 0; i < jarCount; i++) {
            jars.add(new URL(in.readUTF()));
        }
        return new CodeDelta(unitId, classes, jars);
    }

    /** On the receiving side: makes these classes and jars available to what is unpacked next. */
    public void define() {
        Shipping.defineClasses(unitId, classes, jars);
    }
}
