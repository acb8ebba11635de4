package io.jobline.shell

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** Latches that a spec and the job script it runs in-process both reach by name: the script waits, the spec opens. */
class Gate {

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>()

    static void await(String name) {
        if (!latch(name).await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate '$name' was never opened")
        }
    }

    static void open(String name) {
        latch(name).countDown()
    }

    static void reset() {
        GATES.clear()
    }

    private static CountDownLatch latch(String name) {
        GATES.computeIfAbsent(name) { new CountDownLatch(1) }
    }
}
