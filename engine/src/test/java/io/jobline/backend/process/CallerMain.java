package io.jobline.backend.process;

import io.jobline.backend.Work;

import java.util.Map;

/**
 * A caller JVM for the specs that end their caller: starts two workers, prints their pids, then leaves without
 * closing its backend, by {@code System.exit} ({@code exit}) or by waiting to be killed ({@code wait}).
 */
public final class CallerMain {

    private CallerMain() {
    }

    public static void main(String[] args) throws Exception {
        ProcessBackend backend = ProcessBackend.create(Map.of("workers", 2));
        Work slow = Work.of(new TestFunctions.Sleep(), new Object[] {200, "done"}, null);
        backend.submit(slow);
        backend.submit(slow);
        backend.submit(slow).get();
        for (long pid : backend.workerPids()) {
            System.out.println("worker pid " + pid);
        }
        System.out.println("ready");
        backend.submit(Work.of(new TestFunctions.Spin(), new Object[0], null));
        if (args[0].equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(60_000);
    }
}
