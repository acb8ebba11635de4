package io.jobline.backend.process;

import io.jobline.shipping.Packet;
import io.jobline.shipping.Shipping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The functions a {@link ProcessBackend} has packed, by the identity of the callable the user gave (so a closure is
 * serialized once, however many calls use it); the least recently used are dropped beyond a bound. Thread-safe.
 */
final class FunctionCache {

    /** A packed function and the id workers know it by. */
    record Shipped(int id, Packet packet) {
    }

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Identity, Shipped> entries;

    FunctionCache(int capacity) {
        entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Identity, Shipped> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @return {@code function} packed, from the cache or packed now
     * @throws io.jobline.shipping.NotShippableException if it cannot be sent, naming {@code what} and the obstacle
     */
    Shipped pack(Object function, String what) {
        Identity key = new Identity(function);
        synchronized (entries) {
            Shipped known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        // Packed outside the lock: serializing may be slow. Two threads packing the same function at once both
        // succeed; the first to finish wins, the other's id is simply never used.
        Packet packet = Shipping.packFunction(function, what);
        synchronized (entries) {
            return entries.computeIfAbsent(key, k -> new Shipped(ids.incrementAndGet(), packet));
        }
    }

    /** A key that compares by identity. */
    private static final class Identity {
        private final Object target;

        Identity(Object target) {
            this.target = target;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity && ((Identity) other).target == target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target);
        }
    }
}
