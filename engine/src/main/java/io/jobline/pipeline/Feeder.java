package io.jobline.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a run's input on a thread of its own into the first stage, in chunks when the input is in memory (item by
 * item from a lazy iterator, which may be slow or endless), and closes the first stage's input when it is used up.
 */
final class Feeder {

    private final Inlet first;
    private final LongAdder in;
    private final BooleanSupplier running;
    private final Consumer<Throwable> onFailure;

    /**
     * @param in        counts the items taken
     * @param running   whether to go on
     * @param onFailure told when reading the input fails
     */
    Feeder(Inlet first, LongAdder in, BooleanSupplier running, Consumer<Throwable> onFailure) {
        this.first = first;
        this.in = in;
        this.running = running;
        this.onFailure = onFailure;
    }

    /** @return the started daemon thread, for {@link Thread#interrupt()} on cancel */
    Thread start(String runName, Iterator<?> input, boolean inMemory) {
        Thread thread = new Thread(() -> feed(input, inMemory), "jobline-" + runName + "-input");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void feed(Iterator<?> input, boolean inMemory) {
        int chunkSize = inMemory ? StageRunner.MAX_BATCH : 1;
        List<Object> chunk = new ArrayList<>(chunkSize);
        try {
            while (running.getAsBoolean() && input.hasNext()) {
                chunk.add(input.next());
                if (chunk.size() >= chunkSize) {
                    if (!first.putAll(chunk)) {
                        return;
                    }
                    in.add(chunk.size());
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty() && first.putAll(chunk)) {
                in.add(chunk.size());
            }
            first.close();
        } catch (InterruptedException e) {
            // Cancelled while waiting for room: nothing more to feed.
        } catch (Throwable e) {
            // Throwable, not Exception: Groovy iterators throw checked exceptions undeclared.
            onFailure.accept(e);
        }
    }
}
