package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.model.Group;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
     * Writers create, move between apps, replace and delete while readers list: every listing
     * must be a consistent snapshot (each group under the app it names, the whole listing equal
     * to the union of the app listings at quiescence) and no write may be lost.
     */
    @Test
    void concurrentWritersAndReadersNeverSeeAnInconsistentState() throws Exception {
        int writers = 6;
        int operations = 4000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
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
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            reads.add(pool.submit(() -> {
                int listings = 0;
                while (writing.get()) {
                    String app = APPS[listings % APPS.length];
                    for (StoredGroup group : store.byApp(app).values()) {
                        assertEquals(app, group.appId(), "group listed under the wrong app");
                    }
                    Map<String, StoredGroup> all = store.all();
                    Set<String> ids = new HashSet<>();
                    for (StoredGroup group : all.values()) {
                        assertTrue(ids.add(group.id()), "group listed twice");
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
        writing.set(false);
        for (Future<Integer> read : reads) {
            assertTrue(read.get() > 0);
        }
        pool.shutdown();

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
}
