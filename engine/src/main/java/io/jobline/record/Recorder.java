package io.jobline.record;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveListener;
import io.jobline.live.LiveRegistry;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.LiveSubscription;
import io.jobline.live.PartSnapshot;
import io.jobline.live.StatsSampler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records the things that start in a live scope (and the scopes below it) for reports: each top-level entry (a run,
 * an executor, a farm job; not a run's backend) gets a {@link Recording} when it starts, before its workers do, and
 * is sampled {@link #PERIOD 10 times a second} by a {@link StatsSampler} of its own while it is live.
 *
 * <p><b>Cost.</b> Nothing exists before a recorder is opened; while one is, one sampler thread takes a round every
 * 100 ms as long as something is live, and each recorded worker merges its busy time into its lane once per batch.
 *
 * <p><b>Memory.</b> Each recording is bounded (see {@link Recording}); a recorder keeps at most {@link #KEEP} ended
 * ones (the oldest go first), none when it hands each to an {@code onEnd} callback that writes it out.
 *
 * <p>Listener and sampler callbacks run on the threads that start and end things and on the sampler's thread; none
 * blocks beyond a short lock, except {@code onEnd}, which runs on the thread that ended the thing. Thread-safe.
 */
public final class Recorder implements AutoCloseable {

    /** Time between samples. */
    public static final Duration PERIOD = Duration.ofMillis(100);
    /** Ended recordings kept when no {@code onEnd} takes them. */
    public static final int KEEP = 100;

    private static final System.Logger LOG = System.getLogger(Recorder.class.getName());

    private final StatsSampler sampler = new StatsSampler(PERIOD, 2);
    private final Consumer<Recording> onEnd;
    private final TraceWriter trace;
    private final Map<Long, Recording> recordings = new LinkedHashMap<>();
    private final Map<Long, LiveEntry> live = new LinkedHashMap<>();
    private final LiveSubscription listening;
    private final LiveSubscription sampling;

    /**
     * @param onEnd called with each recording once its thing ended, which the recorder then forgets; {@code null}
     *              to keep them ({@link #recordings()})
     * @param trace where to write the trace lines, or {@code null}
     */
    public Recorder(LiveRegistry scope, Consumer<Recording> onEnd, TraceWriter trace) {
        this.onEnd = onEnd;
        this.trace = trace;
        listening = scope.addListener(new LiveListener() {
            @Override
            public void started(LiveEntry entry) {
                if (entry.parent() == null) {
                    begin(entry);
                }
            }

            @Override
            public void ended(LiveEntry entry) {
                finish(entry);
            }
        });
        sampling = sampler.subscribe(scope, this::round);
    }

    /** @return the recordings kept, live and ended, in start order */
    public synchronized List<Recording> recordings() {
        return new ArrayList<>(recordings.values());
    }

    /** @return the recording of the entry with this id, or {@code null} */
    public synchronized Recording find(long id) {
        return recordings.get(id);
    }

    /** Stops recording: no more samples; what was recorded stays readable. Idempotent. */
    @Override
    public void close() {
        sampling.close();
        listening.close();
    }

    private void begin(LiveEntry entry) {
        Recording recording = Recording.of(entry);
        synchronized (this) {
            recordings.put(entry.id(), recording);
            live.put(entry.id(), entry);
        }
        if (trace != null) {
            trace.line("start", recording, Map.of("started", entry.started().toString()));
        }
    }

    private void finish(LiveEntry entry) {
        Recording recording;
        synchronized (this) {
            live.remove(entry.id());
            recording = recordings.get(entry.id());
        }
        if (recording == null) {
            return;
        }
        List<Map<String, Object>> items = recording.ended(entry);
        if (trace != null) {
            traceItems(recording, items);
            LiveSnapshot last = entry.snapshot();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("state", entry.state().name());
            fields.put("elapsedSeconds", entry.elapsed().toNanos() / 1e9);
            fields.put("in", last.in());
            fields.put("out", last.out());
            fields.put("errors", last.errors());
            trace.line("end", recording, fields);
        }
        if (onEnd != null) {
            synchronized (this) {
                recordings.remove(entry.id());
            }
            try {
                onEnd.accept(recording);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "writing the report of " + entry + " failed", e);
            }
        } else {
            trim();
        }
    }

    /** Forgets the oldest ended recordings beyond {@link #KEEP}. */
    private synchronized void trim() {
        int ended = 0;
        for (Recording recording : recordings.values()) {
            if (recording.isEnded()) {
                ended++;
            }
        }
        var it = recordings.values().iterator();
        while (ended > KEEP && it.hasNext()) {
            if (it.next().isEnded()) {
                it.remove();
                ended--;
            }
        }
    }

    /** After each sampler round: one sample per live recording, and its trace lines. */
    private void round() {
        List<LiveEntry> entries;
        List<Recording> recorded = new ArrayList<>();
        synchronized (this) {
            entries = new ArrayList<>(live.values());
            for (LiveEntry entry : entries) {
                recorded.add(recordings.get(entry.id()));
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            LiveSnapshot sample = sampler.latest(entries.get(i));
            Recording recording = recorded.get(i);
            if (sample == null || recording == null) {
                continue;
            }
            List<Map<String, Object>> items = recording.tick(sample);
            if (trace != null) {
                traceTick(recording, sample);
                traceItems(recording, items);
            }
        }
    }

    private void traceTick(Recording recording, LiveSnapshot sample) {
        if (sample.parts().isEmpty()) {
            trace.line("tick", recording, Map.of("in", sample.in(), "out", sample.out(), "errors", sample.errors(),
                    "doing", sample.doing()));
            return;
        }
        for (PartSnapshot part : sample.parts()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("part", part.name());
            fields.putAll(part.toMap());
            fields.remove("name");
            trace.line("tick", recording, fields);
        }
    }

    private void traceItems(Recording recording, List<Map<String, Object>> items) {
        for (Map<String, Object> item : items) {
            Map<String, Object> fields = new LinkedHashMap<>(item);
            fields.put("item", fields.remove("name"));
            trace.line("item", recording, fields);
        }
    }
}
