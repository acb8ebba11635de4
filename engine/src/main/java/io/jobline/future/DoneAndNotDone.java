package io.jobline.future;

import java.util.Collections;
import java.util.Set;

/**
 * What {@link Futures#wait} returns: the futures that were final when it returned, and the others. Both sets keep
 * the order of the collection that was given, and are unmodifiable snapshots.
 *
 * @param <F> the future type
 */
public final class DoneAndNotDone<F> {

    private final Set<F> done;
    private final Set<F> notDone;

    DoneAndNotDone(Set<F> done, Set<F> notDone) {
        this.done = Collections.unmodifiableSet(done);
        this.notDone = Collections.unmodifiableSet(notDone);
    }

    /** @return the futures that were final */
    public Set<F> getDone() {
        return done;
    }

    /** @return the futures that were not final yet */
    public Set<F> getNotDone() {
        return notDone;
    }

    @Override
    public String toString() {
        return "DoneAndNotDone[done=" + done.size() + ", notDone=" + notDone.size() + "]";
    }
}
