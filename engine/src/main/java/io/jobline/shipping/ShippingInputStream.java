package io.jobline.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.List;

/** Reads what {@link ShippingOutputStream} wrote: classes from their units, objects through the hooks' resolve. */
final class ShippingInputStream extends ObjectInputStream {

    private final List<ShippingHook> hooks;

    ShippingInputStream(InputStream in, List<ShippingHook> hooks) throws IOException {
        super(in);
        this.hooks = hooks;
        enableResolveObject(true);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        int unitId = readInt();
        if (unitId <= 0) {
            return super.resolveClass(desc);
        }
        return Class.forName(desc.getName(), false, Shipping.loaderOf(unitId, desc.getName()));
    }

    @Override
    protected Object resolveObject(Object obj) {
        Object resolved = obj;
        for (ShippingHook hook : hooks) {
            resolved = hook.resolve(resolved);
        }
        return resolved;
    }
}
