package io.jobline.pipeline;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The last stage's downstream: puts outputs into the run's bounded results buffer, counts them, and turns the end of
 * the last stage into the end of the run.
 */
final class ResultInlet implements Inlet {

    private final ItemQueue results;
    private final LongAdder out;
    private final Runnable onEnd;

    /** @param onEnd called when the last stage has ended (every input went through) */
    ResultInlet(ItemQueue results, LongAdder out, Runnable onEnd) {
        this.results = results;
        this.out = out;
        this.onEnd = onEnd;
    }

    @Override
    public boolean putAll(List<Object> items) throws InterruptedException {
        if (!results.putAll(items)) {
            return false;
        }
        out.add(items.size());
        return true;
    }

    @Override
    public int offer(List<Object> items) {
        boolean refused = results.refuses();
        int taken = results.offer(items);
        if (!refused) {
            out.add(taken);
        }
        return taken;
    }

    @Override
    public int room() {
        return results.room();
    }

    @Override
    public void close() {
        onEnd.run();
    }

    @Override
    public void abort() {
        results.seal();
    }

    @Override
    public int size() {
        return results.size();
    }

    @Override
    public int capacity() {
        return results.capacity();
    }
}
