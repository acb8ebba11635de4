package io.jobline.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry {@link LiveRegistry#register} returns: a {@link LiveEntry} plus {@link #end()}, which only the front end
 * that registered the thing calls, once the thing's state is final.
 *
 * <p>While live the entry answers from the thing itself; {@link #end()} takes the thing's last snapshot and state and
 * drops the reference to the thing, so a finished entry holds a few counters, never queues, threads or outputs.
 */
public final class LiveHandle implements LiveEntry {

    private static final System.Logger LOG = System.getLogger(LiveHandle.class.getName());

    private final long id;
    private final String kind;
    private final String name;
    private final LiveEntry parent;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ending = new AtomicBoolean();
    /** Written before {@link #thing} is cleared, so whoever sees {@code thing == null} sees these. */
    private volatile LiveState finalState;
    private volatile LiveSnapshot finalSnapshot;
    private volatile long endNanos;
    private volatile LiveThing thing;
    /** The thing's record once asked for; dropped with the thing. */
    private LiveRecord record;
    /** The scope that lists it; a closing scope hands its entries to its parent. */
    volatile LiveRegistry scope;

    LiveHandle(long id, LiveThing thing, LiveEntry parent, LiveRegistry scope) {
        this.id = id;
        this.kind = thing.kind();
        this.name = thing.name();
        this.parent = parent;
        this.thing = thing;
        this.scope = scope;
    }

    /**
     * The thing has ended: keeps its final state and snapshot, forgets the thing, moves the entry to its scope's
     * finished entries (the oldest finished one beyond the scope's limit is forgotten) and tells the listeners, on
     * this thread. Call it once the thing's state is final, with no lock held that a listener might need. Later
     * calls do nothing.
     */
    public void end() {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        LiveThing ended = thing;
        LiveSnapshot last;
        LiveState state;
        try {
            last = ended.snapshot();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the last snapshot of " + kind + " " + id + " failed", e);
            last = LiveSnapshot.empty();
        }
        try {
            state = ended.state();
        } catch (RuntimeException e) { // the entry must still end: it would stay live for ever
            LOG.log(System.Logger.Level.WARNING, "the final state of " + kind + " " + id + " failed", e);
            state = LiveState.FAILED;
        }
        finalSnapshot = last;
        finalState = state.isFinal() ? state : LiveState.DONE;
        endNanos = System.nanoTime();
        thing = null;
        synchronized (this) {
            record = null;
        }
        LiveRegistry.ended(this);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LiveEntry parent() {
        return parent;
    }

    @Override
    public LiveState state() {
        LiveThing live = thing;
        return live != null ? live.state() : finalState;
    }

    @Override
    public boolean isLive() {
        return thing != null;
    }

    @Override
    public LiveSnapshot snapshot() {
        LiveThing live = thing;
        return live != null ? live.snapshot() : finalSnapshot;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public Duration elapsed() {
        long end = thing != null ? System.nanoTime() : endNanos;
        return Duration.ofNanos(end - startNanos);
    }

    @Override
    public boolean cancel() {
        LiveThing live = thing;
        return live != null && live.cancel();
    }

    @Override
    public List<String> parts() {
        LiveThing live = thing;
        return live != null ? live.parts() : List.of();
    }

    @Override
    public void resize(String part, int size) {
        LiveThing live = thing;
        if (live == null) {
            throw new IllegalStateException(kind + " " + id + " ('" + name + "') has ended: " + finalState);
        }
        live.resize(part, size);
    }

    @Override
    public synchronized LiveRecord record() {
        LiveThing live = thing;
        if (record == null && live != null) {
            record = live.record();
        }
        return live == null ? null : record;
    }

    @Override
    public String toString() {
        return kind + " " + id + " '" + name + "' (" + state() + ")";
    }
}
