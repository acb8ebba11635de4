package io.jobline.shipping;

import java.util.Set;

/**
 * A value serialized by {@link Shipping}, with the {@link CodeUnit}s whose classes it refers to: a receiver must
 * have those units' classes before it reads the bytes.
 */
public final class Packet {

    private final byte[] bytes;
    private final Set<CodeUnit> units;

    Packet(byte[] bytes, Set<CodeUnit> units) {
        this.bytes = bytes;
        this.units = units;
    }

    /** @return the serialized value; do not change it */
    public byte[] bytes() {
        return bytes;
    }

    /** @return the units of this JVM whose classes the value refers to; empty for plain Java values */
    public Set<CodeUnit> units() {
        return units;
    }
}
