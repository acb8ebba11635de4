package io.jobline.pipeline;

import io.jobline.util.Threads;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The stream {@link Pipeline#stream} returns: a run's outputs, read lazily, that never outlive the stream. Closing the
 * stream cancels the run if it is still going; so does the stream becoming garbage unclosed (a {@link Cleaner}
 * watches it), for {@code p.stream(input).limit(3).toList()}, which stops reading without closing. The run's own
 * threads keep the run reachable, so only the stream can tell that nobody reads any more.
 */
final class ResultStream {

    private static final Cleaner CLEANER = Cleaner.create(
            runnable -> Threads.factory("jobline-stream-cleaner", false).newThread(runnable));

    private ResultStream() {
    }

    /** @return a sequential stream of {@code results}, which cancels {@code run} when closed or unreachable */
    static Stream<Object> of(Run run, Iterator<Object> results) {
        Stream<Object> stream = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(results, Spliterator.ORDERED), false);
        // The action holds the run only (never the stream), so the stream can become unreachable.
        Cleaner.Cleanable cancel = CLEANER.register(stream, new CancelRun(run));
        return stream.onClose(cancel::clean);
    }

    /** A static class, not a lambda: a lambda written here could capture the stream. */
    private static final class CancelRun implements Runnable {
        private final Run run;

        CancelRun(Run run) {
            this.run = run;
        }

        @Override
        public void run() {
            run.cancel();
        }
    }
}
