package io.jobline.shipping;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Java serialization with two additions: every object passes the {@link ShippingHook}s' {@code replace}, and every
 * class descriptor carries the id of the {@link CodeUnit} the class was compiled in (0 for classes of the class
 * path), so that the reader resolves it from that unit's classes.
 */
final class ShippingOutputStream extends ObjectOutputStream {

    private final List<ShippingHook> hooks;
    private final Set<CodeUnit> units = new LinkedHashSet<>();

    ShippingOutputStream(OutputStream out, List<ShippingHook> hooks) throws IOException {
        super(out);
        this.hooks = hooks;
        enableReplaceObject(true);
    }

    /** @return the units of this JVM that the written classes came from */
    Set<CodeUnit> units() {
        return units;
    }

    @Override
    protected Object replaceObject(Object obj) {
        Object replaced = obj;
        for (ShippingHook hook : hooks) {
            replaced = hook.replace(replaced);
        }
        return replaced;
    }

    @Override
    protected void annotateClass(Class<?> type) throws IOException {
        int unitId = Shipping.unitIdOf(type);
        if (unitId > 0) {
            CodeUnit unit = CodeUnit.byId(unitId);
            if (unit != null) {
                units.add(unit);
            }
        }
        writeInt(unitId);
    }
}
