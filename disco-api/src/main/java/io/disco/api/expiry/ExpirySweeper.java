package io.disco.api.expiry;

import io.disco.api.group.GroupEvents;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired groups from the store every heartbeat ({@code --ttl-hearbeat}). */
public final class ExpirySweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

    private final GroupStore store;
    private final Clock clock;
    private final Duration heartbeat;
    private final GroupEvents events;
    private ScheduledExecutorService scheduler;

    public ExpirySweeper(GroupStore store, Clock clock, Duration heartbeat) {
        this(store, clock, heartbeat, GroupEvents.NONE);
    }

    /** @param events told of each group a sweep deletes */
    public ExpirySweeper(GroupStore store, Clock clock, Duration heartbeat, GroupEvents events) {
        this.store = store;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.events = events;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "disco-expiry-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = heartbeat.toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** One sweep, now. @return the number of groups deleted */
    public int sweep() {
        Map<String, StoredGroup> expired = store.deleteExpired(clock.instant());
        expired.values().forEach(events::expired);
        if (!expired.isEmpty()) {
            LOG.info("Deleted {} expired group(s)", expired.size());
            LOG.debug("Expired groups: {}", expired.keySet());
        }
        return expired.size();
    }

    /**
     * Stops sweeping, letting a sweep under way finish first (for a few seconds at most): the
     * store is closed right after, and a sweep cut off there would fail against it.
     */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule; the next heartbeat tries again.
            LOG.error("Expiry sweep failed", e);
        }
    }
}
