package io.jobline.pool;

import io.jobline.live.LiveSnapshot;
import io.jobline.live.LiveState;
import io.jobline.live.LiveThing;
import io.jobline.live.PartSnapshot;
import io.jobline.util.Options;

import java.util.List;

/** A {@link WorkerPool} as the live registry sees it: kind {@code pool}, one part {@code workers} (resizable). */
final class PoolLive implements LiveThing {

    static final String WORKERS = "workers";

    private final WorkerPool pool;

    PoolLive(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public String kind() {
        return "pool";
    }

    @Override
    public String name() {
        return pool.getName();
    }

    @Override
    public LiveState state() {
        if (pool.isCancelled()) {
            return LiveState.CANCELLED;
        }
        return pool.isOver() ? LiveState.DONE : LiveState.RUNNING;
    }

    @Override
    public LiveSnapshot snapshot() {
        long now = System.nanoTime();
        long in = pool.taken.sum();
        long out = pool.delivered.sum();
        long errors = pool.failed.sum();
        int busy = pool.busyCount();
        int queued = pool.getInbox().size();
        long capacity = (long) queued + pool.getInbox().remainingCapacity();
        PartSnapshot workers = new PartSnapshot(WORKERS, pool.getSize(), queued,
                (int) Math.min(Integer.MAX_VALUE, capacity), in, out, errors, busy);
        return new LiveSnapshot(now, in, out, errors, busy, List.of(workers), null);
    }

    @Override
    public boolean cancel() {
        return pool.cancel();
    }

    @Override
    public List<String> parts() {
        return List.of(WORKERS);
    }

    /** Summons or banishes workers until {@code size} take items. */
    @Override
    public void resize(String part, int size) {
        if (!WORKERS.equals(part)) {
            throw new IllegalArgumentException("no part " + Options.show(part) + " in pool '" + pool.getName()
                    + "'; parts: " + WORKERS);
        }
        int wanted = Options.intAtLeast(WORKERS, size, 0);
        int now = pool.getSize();
        if (wanted > now) {
            pool.summon(wanted - now);
        } else if (wanted < now) {
            pool.banish(now - wanted);
        }
    }
}
