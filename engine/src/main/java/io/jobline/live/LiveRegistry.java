package io.jobline.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A scope of live things: the JVM's root ({@link #global()}), a shell session, a script … Scopes nest; each lists
 * what was registered in it and in the scopes below it. Front ends (pipeline runs, executors, worker pools, farm
 * jobs) {@link #register} what they start in {@link #current()} and {@link LiveHandle#end() end} it when it is
 * final; commands and views {@link #list()}, {@link #find}, cancel and resize through the entries.
 *
 * <p><b>Memory.</b> A live entry holds its thing; a finished one only its final state and snapshot. Each scope
 * keeps at most {@link #keep()} finished entries (the oldest go first), however long anything else stays live. A
 * closed scope hands what it still lists (finished entries, and live ones that have not ended yet) to the nearest
 * open scope above it, which bounds them the same way.
 *
 * <p><b>Threads.</b> {@link #current()} is an inheritable thread-local: a thread started while a scope is current
 * (a stage's worker, a backend's thread) registers its own runs in that scope too. A closed scope is never current:
 * a thread still holding it gets the nearest open scope above.
 *
 * <p><b>Listeners</b> of a scope hear about its entries and those of every scope below it, on the thread that
 * registers or ends the entry, with no registry lock held. Listeners are called in the order they were added,
 * innermost scope first.
 *
 * <p>All methods are thread-safe and none blocks: a scope's lock guards only its own lists and is never held while
 * calling out (to things, listeners or other scopes). The one nesting is {@link #close()} handing its entries on:
 * it takes its own lock, then the heir's above it, always in that order.
 */
public final class LiveRegistry implements AutoCloseable {

    /** Finished entries a scope keeps, unless told otherwise: {@code -Djobline.live.keep=N}. */
    public static final int DEFAULT_KEEP = Integer.getInteger("jobline.live.keep", 500);

    private static final System.Logger LOG = System.getLogger(LiveRegistry.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final LiveRegistry GLOBAL = new LiveRegistry(null, "global", "jvm", DEFAULT_KEEP);
    private static final InheritableThreadLocal<LiveRegistry> CURRENT = new InheritableThreadLocal<>();

    private final long id = IDS.incrementAndGet();
    private final LiveRegistry parent;
    private final String kind;
    private final String name;
    private final int keep;
    private final Object lock = new Object();
    private final Map<Long, LiveHandle> live = new LinkedHashMap<>();
    private final Deque<LiveHandle> finished = new ArrayDeque<>();
    private final Set<LiveRegistry> children = new LinkedHashSet<>();
    private final Map<String, Object> locals = new HashMap<>();
    private final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    private LiveRegistry(LiveRegistry parent, String kind, String name, int keep) {
        this.parent = parent;
        this.kind = kind;
        this.name = name;
        this.keep = keep;
    }

    /** @return the JVM's root scope; it is never closed */
    public static LiveRegistry global() {
        return GLOBAL;
    }

    /** @return the scope in force on this thread (inherited by the threads it starts), else {@link #global()} */
    public static LiveRegistry current() {
        LiveRegistry scope = CURRENT.get();
        return scope == null ? GLOBAL : scope.open();
    }

    /** @return a fresh id from the sequence entries get theirs from, for a front end that needs its id early */
    public static long newId() {
        return IDS.incrementAndGet();
    }

    /** {@code openScope(kind, name, DEFAULT_KEEP)}. */
    public LiveRegistry openScope(String kind, String name) {
        return openScope(kind, name, DEFAULT_KEEP);
    }

    /**
     * Opens a child scope ({@code "session"}, {@code "script"} …). {@link #close()} cancels what is still live in it
     * and ends it. Opening a scope under a closed one opens it under the nearest open scope above.
     *
     * @param keep how many finished entries it keeps, at least 0
     */
    public LiveRegistry openScope(String kind, String name, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep: must be >= 0, got " + keep);
        }
        LiveRegistry owner = this;
        while (true) {
            synchronized (owner.lock) {
                if (!owner.closed) {
                    LiveRegistry child = new LiveRegistry(owner, Objects.requireNonNull(kind, "kind"),
                            Objects.requireNonNull(name, "name"), keep);
                    owner.children.add(child);
                    return child;
                }
            }
            owner = owner.parent;
        }
    }

    /** Runs {@code body} on this thread with this scope as {@link #current()}, then puts the previous one back. */
    public <T> T callIn(Callable<T> body) throws Exception {
        LiveRegistry previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.call();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Like {@link #callIn}, for a body that throws no checked exception. */
    public void runIn(Runnable body) {
        LiveRegistry previous = CURRENT.get();
        CURRENT.set(this);
        try {
            body.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * Lists {@code thing} in this scope (or, if this scope is closed, the nearest open one above) and tells the
     * listeners. The front end calls {@link LiveHandle#end()} once the thing is final.
     *
     * @param parent the entry the thing belongs to (a run, for its backend), or {@code null}
     */
    public LiveHandle register(LiveThing thing, LiveEntry parent) {
        return register(newId(), thing, parent);
    }

    /** Like {@link #register(LiveThing, LiveEntry)}, with an id the front end took from {@link #newId()}. */
    public LiveHandle register(long id, LiveThing thing, LiveEntry parent) {
        Objects.requireNonNull(thing, "thing");
        LiveRegistry scope = this;
        LiveHandle handle;
        while (true) {
            synchronized (scope.lock) {
                if (!scope.closed) {
                    handle = new LiveHandle(id, thing, parent, scope);
                    scope.live.put(id, handle);
                    break;
                }
            }
            scope = scope.parent;
        }
        scope.tell(handle, true);
        return handle;
    }

    /** @return live entries and kept finished ones, of this scope and the scopes below it, by id ascending */
    public List<LiveEntry> list() {
        List<LiveEntry> all = new ArrayList<>();
        collect(all, true);
        all.sort(Comparator.comparingLong(LiveEntry::id));
        return all;
    }

    /** @return the live entries of this scope and the scopes below it, by id ascending */
    public List<LiveEntry> live() {
        List<LiveEntry> all = new ArrayList<>();
        collect(all, false);
        all.sort(Comparator.comparingLong(LiveEntry::id));
        return all;
    }

    /** @return the entry with this id in this scope or below (live or kept), or {@code null} */
    public LiveEntry find(long id) {
        for (LiveEntry entry : list()) {
            if (entry.id() == id) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Cancels every live entry of this scope and the scopes below it; see {@link LiveThing#cancel()}. Never waits for
     * them to end.
     *
     * @return how many this call stopped
     */
    public int cancelAll() {
        int cancelled = 0;
        for (LiveEntry entry : live()) {
            if (entry.cancel()) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Adds a listener for the entries of this scope and the scopes below it; see {@link LiveListener}.
     *
     * @return closing it removes the listener
     */
    public LiveSubscription addListener(LiveListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * A value this scope keeps for front ends, e.g. the DSL's {@code @Task} executors of a script: the value under
     * {@code key}, created by {@code create} on first use. Forgotten when the scope closes.
     */
    @SuppressWarnings("unchecked")
    public <T> T local(String key, Function<String, T> create) {
        synchronized (lock) {
            return (T) locals.computeIfAbsent(key, create);
        }
    }

    /** Forgets the value under {@code key} if it is {@code value}. @return whether it was */
    public boolean removeLocal(String key, Object value) {
        synchronized (lock) {
            return locals.remove(key, value);
        }
    }

    /** @return the scope above, or {@code null} for the global one */
    public LiveRegistry parent() {
        return parent;
    }

    /** @return {@code "global"}, {@code "session"}, {@code "script"} … */
    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** @return how many finished entries this scope keeps */
    public int keep() {
        return keep;
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Cancels what is live in this scope and the scopes below it, closes those scopes, and hands their remaining
     * entries (finished ones, and live ones still ending) to the nearest open scope above. Later calls do nothing.
     *
     * @throws UnsupportedOperationException for the global scope
     */
    @Override
    public void close() {
        if (parent == null) {
            throw new UnsupportedOperationException("the global live scope cannot be closed");
        }
        List<LiveRegistry> below;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            below = new ArrayList<>(children);
        }
        below.forEach(LiveRegistry::close);
        List<LiveHandle> stillLive;
        synchronized (lock) {
            stillLive = new ArrayList<>(live.values());
        }
        for (LiveHandle handle : stillLive) {
            try {
                handle.cancel();
            } catch (Throwable e) { // one thing's failing cancel must not keep the scope's entries from their heir
                LOG.log(System.Logger.Level.WARNING, "cancelling " + handle + " as its scope closed failed", e);
            }
        }
        LiveRegistry heir = parent.open();
        synchronized (lock) {
            synchronized (heir.lock) {
                for (LiveHandle handle : live.values()) {
                    handle.scope = heir;
                    heir.live.put(handle.id(), handle);
                }
                for (LiveHandle handle : finished) {
                    handle.scope = heir;
                    heir.addFinished(handle);
                }
                live.clear();
                finished.clear();
                locals.clear();
            }
        }
        synchronized (parent.lock) {
            parent.children.remove(this);
        }
    }

    @Override
    public String toString() {
        return kind + " scope '" + name + "'";
    }

    /** Called by {@link LiveHandle#end()}: moves the entry to its scope's finished ones, then tells the listeners. */
    static void ended(LiveHandle handle) {
        LiveRegistry scope = handle.scope;
        while (true) {
            synchronized (scope.lock) {
                if (scope.live.remove(handle.id()) != null) {
                    scope.addFinished(handle);
                    break;
                }
            }
            scope = handle.scope; // its scope closed meanwhile and handed it on
        }
        scope.tell(handle, false);
    }

    private LiveRegistry open() {
        LiveRegistry scope = this;
        while (scope.parent != null && scope.isClosed()) {
            scope = scope.parent;
        }
        return scope;
    }

    /** Under the lock. */
    private void addFinished(LiveHandle handle) {
        finished.addLast(handle);
        while (finished.size() > keep) {
            finished.removeFirst();
        }
    }

    private void collect(List<LiveEntry> into, boolean withFinished) {
        List<LiveRegistry> below;
        synchronized (lock) {
            into.addAll(live.values());
            if (withFinished) {
                into.addAll(finished);
            }
            below = new ArrayList<>(children);
        }
        for (LiveRegistry child : below) {
            child.collect(into, withFinished);
        }
    }

    /** Tells the listeners of this scope and of every scope above it. */
    private void tell(LiveEntry entry, boolean started) {
        for (LiveRegistry scope = this; scope != null; scope = scope.parent) {
            for (LiveListener listener : scope.listeners) {
                try {
                    if (started) {
                        listener.started(entry);
                    } else {
                        listener.ended(entry);
                    }
                } catch (VirtualMachineError e) {
                    throw e; // the JVM is failing (out of memory …): not the listener's own fault, to log and forget
                } catch (Throwable e) { // a Groovy listener's assert or undeclared checked exception too
                    LOG.log(System.Logger.Level.WARNING, "a live listener failed on " + entry, e);
                }
            }
        }
    }
}
