package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.model.Group;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryGroupStoreTest {

    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
    private static final String[] APPS = {"chat", "game", "notes"};

    private final InMemoryGroupStore store = new InMemoryGroupStore();

    private static StoredGroup stored(String id, String app, Instant expiresAt) {
        return StoredGroup.of(new Group(id, "name-" + id, app, "", 0, null, null, null), expiresAt);
    }

    @Test
    void movingAGroupBetweenAppsKeepsTheIndexConsistent() {
        store.upsert("1", old -> stored("1", "chat", LATER));
        store.update("1", old -> stored("1", "game", LATER));
        assertEquals(Map.of(), store.byApp("chat"));
        assertEquals(Set.of("1"), store.byApp("game").keySet());
        store.delete("1");
        assertEquals(Map.of(), store.byApp("game"));
        assertEquals(Map.of(), store.all());
    }

    @Test
    void updateTouchesOnlyExistingGroups() {
        assertEquals(Optional.empty(), store.update("1", old -> stored("1", "chat", LATER)));
        assertEquals(0, store.size());
    }

    @Test
    void deleteExpiredRemovesExactlyTheExpired() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        store.upsert("old", old -> stored("old", "chat", now));
        store.upsert("new", old -> stored("new", "chat", now.plusSeconds(1)));
        assertEquals(Set.of("old"), store.deleteExpired(now).keySet());
        assertEquals(Set.of("new"), store.byApp("chat").keySet());
    }

    /**
     * Writers create, move between apps, replace and delete while readers list: no write may be
     * lost, and every listing must show the store as it was at one instant during the call.
     */
    @Test
    void concurrentWritersLoseNoWriteAndListingsAreLinearizable() throws Exception {
        int writers = 4;
        int operations = 4000;
        List<Mover> movers = List.of(new Mover("moved-1"), new Mover("moved-2"), new Mover("moved-3"));
        ExecutorService pool = Executors.newFixedThreadPool(writers + movers.size() + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<Map<String, String>>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String prefix = "w" + w + "-";
            writes.add(pool.submit(() -> {
                // What this writer believes it left in the store: id -> app.
                Map<String, String> mine = new HashMap<>();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < operations; i++) {
                    String id = prefix + random.nextInt(50);
                    String app = APPS[random.nextInt(APPS.length)];
                    switch (random.nextInt(4)) {
                        case 0, 1 -> {
                            store.upsert(id, old -> stored(id, app, LATER));
                            mine.put(id, app);
                        }
                        case 2 -> store.update(id, old -> stored(id, app, LATER))
                                .ifPresent(updated -> mine.put(id, app));
                        default -> {
                            boolean existed = store.delete(id);
                            assertEquals(mine.remove(id) != null, existed, "delete of " + id);
                        }
                    }
                }
                return mine;
            }));
        }
        List<Future<?>> moves = new ArrayList<>();
        for (Mover mover : movers) {
            moves.add(pool.submit(() -> mover.move(1500)));
        }
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            reads.add(pool.submit(() -> {
                int listings = 0;
                while (writing.get()) {
                    String app = APPS[listings % APPS.length];
                    long[] from = Mover.done(movers);
                    Map<String, StoredGroup> ofApp = store.byApp(app);
                    long[] to = Mover.begun(movers);
                    for (int m = 0; m < movers.size(); m++) {
                        movers.get(m).checkListing(app, ofApp, from[m], to[m]);
                    }
                    from = Mover.done(movers);
                    Map<String, StoredGroup> all = store.all();
                    to = Mover.begun(movers);
                    for (int m = 0; m < movers.size(); m++) {
                        movers.get(m).checkListing(null, all, from[m], to[m]);
                    }
                    listings++;
                }
                return listings;
            }));
        }
        Map<String, String> expected = new HashMap<>();
        for (Future<Map<String, String>> write : writes) {
            expected.putAll(write.get());
        }
        for (Future<?> move : moves) {
            move.get();
        }
        writing.set(false);
        for (Future<Integer> read : reads) {
            assertTrue(read.get() > 0);
        }
        pool.shutdown();
        for (Mover mover : movers) {
            expected.put(mover.id, Mover.appOf(mover.done.get()));
        }

        Map<String, String> actual = new HashMap<>();
        store.all().forEach((id, group) -> actual.put(id, group.appId()));
        assertEquals(expected, actual);
        Map<String, String> fromApps = new HashMap<>();
        for (String app : APPS) {
            store.byApp(app).forEach((id, group) -> assertFalse(fromApps.containsKey(id)));
            store.byApp(app).forEach((id, group) -> fromApps.put(id, group.appId()));
        }
        assertEquals(expected, fromApps);
        assertEquals(expected.size(), store.size());
    }

    /**
     * One group that one thread moves round the apps and never deletes: its version {@code v},
     * kept in the group's name, lives in {@code appOf(v)}. The mover counts the versions it began
     * and finished writing, so a reader that reads {@code done} before a listing and
     * {@code begun} after it knows every version the store may show it: exactly those from one to
     * the other.
     */
    private final class Mover {
        final String id;
        final AtomicLong begun = new AtomicLong();
        final AtomicLong done = new AtomicLong();

        Mover(String id) {
            this.id = id;
            store.upsert(id, old -> version(0));
        }

        static String appOf(long version) {
            return APPS[(int) (version % APPS.length)];
        }

        static long[] done(List<Mover> movers) {
            return movers.stream().mapToLong(mover -> mover.done.get()).toArray();
        }

        static long[] begun(List<Mover> movers) {
            return movers.stream().mapToLong(mover -> mover.begun.get()).toArray();
        }

        private StoredGroup version(long v) {
            return StoredGroup.of(new Group(id, Long.toString(v), appOf(v), "", 0, null, null, null), LATER);
        }

        void move(int times) {
            for (int i = 0; i < times; i++) {
                long next = begun.incrementAndGet();
                store.update(id, old -> version(next));
                done.set(next);
                // A pause lets readers list while no move is under way, when the group's app is certain.
                LockSupport.parkNanos(20_000);
            }
        }

        /**
         * @param app     the app listed, or {@code null} for a listing of all
         * @param from    {@code done} read before the listing began
         * @param to      {@code begun} read after the listing returned
         */
        void checkListing(String app, Map<String, StoredGroup> listing, long from, long to) {
            StoredGroup seen = listing.get(id);
            if (seen == null) {
                assertTrue(app != null, id + " is in no app of a listing of all apps");
                boolean elsewhere = LongStream.rangeClosed(from, to).anyMatch(v -> !appOf(v).equals(app));
                assertTrue(elsewhere, id + " missing from " + app + ", where version " + from + " was throughout");
                return;
            }
            long v = Long.parseLong(seen.group().name());
            assertTrue(from <= v && v <= to,
                    id + " listed as version " + v + ", but only versions " + from + " to " + to + " were current");
            assertEquals(appOf(v), seen.appId(), id + " version " + v + " carries another app");
            assertTrue(app == null || app.equals(seen.appId()), id + " version " + v + " listed under " + app);
        }
    }
}
