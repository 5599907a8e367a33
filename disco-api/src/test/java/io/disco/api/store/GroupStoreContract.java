package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GroupStore} must do, whatever keeps the groups: each implementation's test
 * extends this class and says how to open a fresh, empty store.
 */
public abstract class GroupStoreContract {

    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
    private static final String[] APPS = {"chat", "game", "notes"};

    protected GroupStore store;

    /** A new, empty store, which the test closes. */
    protected abstract GroupStore openEmpty() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openEmpty();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredGroup stored(String id, String app, Instant expiresAt) {
        return StoredGroup.of(new Group(id, "name-" + id, app, "", 0, null, null, null), expiresAt);
    }

    private static StoredGroup stored(String id, String app) {
        return stored(id, app, LATER);
    }

    private static Map<String, String> appsById(Map<String, StoredGroup> listing) {
        Map<String, String> apps = new HashMap<>();
        listing.forEach((id, group) -> apps.put(id, group.appId()));
        return apps;
    }

    // --- one group at a time

    @Test
    void aNewStoreIsEmpty() {
        assertEquals(Optional.empty(), store.get("1"));
        assertEquals(Map.of(), store.all());
        assertEquals(Map.of(), store.byApp("chat"));
        assertEquals(0, store.size());
    }

    @Test
    void keepsEveryFieldOfAGroupAndItsExpiryToTheNanosecond() {
        Peer monica = new Peer("198.18.0.1:1337", "0X04AB", "Monica");
        Peer ross = new Peer("198.18.0.2:1337", "0X04CD", "Ross");
        Group group = new Group("1", "office group", "chat", "0X04EF", 1583773505, List.of(monica, ross),
                List.of(monica), 90L);
        Instant expiresAt = Instant.parse("2100-01-01T00:00:00.123456789Z");
        store.upsert("1", old -> StoredGroup.of(group, expiresAt));

        StoredGroup kept = store.get("1").orElseThrow();
        assertEquals(group, kept.group());
        assertEquals(expiresAt, kept.expiresAt());
        assertEquals(group, store.all().get("1").group());
        assertEquals(group, store.byApp("chat").get("1").group());
        StoredGroup read = store.getAsync("1").join().orElseThrow();
        assertEquals(group, read.group());
        assertEquals(expiresAt, read.expiresAt());
        assertEquals(Optional.empty(), store.getAsync("2").join());
    }

    @Test
    void anAsynchronousCreateCompletesAsUpsertReturns() {
        StoredGroup created = store.upsertAsync("1", old -> stored("1", "chat")).join();
        assertEquals(created.group(), store.get("1").orElseThrow().group());
        CompletableFuture<StoredGroup> refused = store.upsertAsync("2", old -> {
            throw new IllegalArgumentException("refused");
        });
        CompletionException failure = assertThrows(CompletionException.class, refused::join);
        assertEquals("refused", failure.getCause().getMessage());
        assertEquals(1, store.size());
    }

    @Test
    void aStoredGroupsJsonIsWhatJacksonWrites() throws Exception {
        store.upsert("1", old -> stored("1", "chat"));
        StoredGroup kept = store.get("1").orElseThrow();
        assertArrayEquals(DiscoJson.mapper().writeValueAsBytes(kept.group()), kept.json());
    }

    @Test
    void upsertCreatesWhenAbsentAndOtherwiseChangesWhatIsStored() {
        List<Optional<StoredGroup>> seen = new ArrayList<>();
        store.upsert("1", old -> {
            seen.add(old);
            return stored("1", "chat");
        });
        StoredGroup replaced = store.upsert("1", old -> {
            seen.add(old);
            return stored("1", "game");
        });
        assertEquals(Optional.empty(), seen.get(0));
        assertEquals(stored("1", "chat").group(), seen.get(1).orElseThrow().group());
        assertEquals("game", replaced.appId());
        assertEquals("game", store.get("1").orElseThrow().appId());
        assertEquals(1, store.size());
    }

    @Test
    void updateChangesOnlyAGroupThatExists() {
        AtomicBoolean asked = new AtomicBoolean();
        assertEquals(Optional.empty(), store.update("1", old -> {
            asked.set(true);
            return stored("1", "chat");
        }));
        assertFalse(asked.get(), "the change was asked for a group that does not exist");
        assertEquals(0, store.size());

        store.upsert("1", old -> stored("1", "chat"));
        StoredGroup updated = store.update("1", old -> stored("1", old.appId() + "-2")).orElseThrow();
        assertEquals("chat-2", updated.appId());
        assertEquals("chat-2", store.get("1").orElseThrow().appId());
    }

    @Test
    void aChangeMayNotTurnAGroupIntoAnother() {
        store.upsert("1", old -> stored("1", "chat"));
        assertThrows(IllegalArgumentException.class, () -> store.upsert("1", old -> stored("2", "chat")));
        assertThrows(IllegalArgumentException.class, () -> store.update("1", old -> stored("2", "chat")));
        assertThrows(IllegalArgumentException.class, () -> store.upsert("3", old -> stored("2", "chat")));
        assertEquals(Map.of("1", "chat"), appsById(store.all()));
    }

    @Test
    void aChangeThatThrowsLeavesTheStoreAsItWas() {
        store.upsert("1", old -> stored("1", "chat"));
        IllegalStateException refusal = new IllegalStateException("refused");
        assertSame(refusal, assertThrows(IllegalStateException.class, () -> store.upsert("2", old -> {
            throw refusal;
        })));
        assertSame(refusal, assertThrows(IllegalStateException.class, () -> store.update("1", old -> {
            throw refusal;
        })));
        assertEquals(Map.of("1", "chat"), appsById(store.all()));
        assertEquals(1, store.size());
    }

    @Test
    void countsByAppAndSeesFromAChangeTheCountsItsWriteAppliesTo() {
        store.upsert("1", old -> stored("1", "chat"));
        store.upsert("2", old -> stored("2", "chat"));
        store.upsert("3", old -> stored("3", "game"));
        assertEquals(2, store.countByApp("chat"));
        assertEquals(0, store.countByApp("notes"));

        List<Integer> seen = new ArrayList<>();
        store.upsert("4", old -> {
            seen.addAll(List.of(store.size(), store.countByApp("chat"), store.countByApp("game")));
            return stored("4", "chat");
        });
        store.update("3", old -> {
            seen.addAll(List.of(store.size(), store.countByApp("chat"), store.countByApp("game")));
            return stored("3", "chat");
        });
        assertEquals(List.of(3, 2, 1, 4, 3, 1), seen);
        assertEquals(4, store.countByApp("chat"));
        assertEquals(0, store.countByApp("game"));
    }

    @Test
    void deleteSaysWhetherThereWasSuchAGroup() {
        store.upsert("1", old -> stored("1", "chat"));
        assertTrue(store.delete("1"));
        assertFalse(store.delete("1"));
        assertEquals(Optional.empty(), store.get("1"));
        assertEquals(Map.of(), store.byApp("chat"));
        assertEquals(0, store.size());
    }

    @Test
    void aCheckedDeleteSeesTheGroupAsStoredAndARefusalKeepsIt() {
        store.upsert("1", old -> stored("1", "chat"));
        List<String> seen = new ArrayList<>();

        assertThrows(IllegalStateException.class, () -> store.delete("1", group -> {
            seen.add(group.group().name());
            throw new IllegalStateException("refused");
        }));
        assertEquals(List.of("name-1"), seen);
        assertTrue(store.get("1").isPresent());
        assertEquals(Set.of("1"), store.byApp("chat").keySet());

        assertTrue(store.delete("1", group -> seen.add(group.id())));
        assertFalse(store.delete("1", group -> seen.add("absent")));
        assertEquals(List.of("name-1", "1"), seen);
        assertEquals(Optional.empty(), store.get("1"));
        assertEquals(Map.of(), store.byApp("chat"));
    }

    // --- listings

    @Test
    void listsEveryGroupOrOneAppsGroups() {
        store.upsert("1", old -> stored("1", "chat"));
        store.upsert("2", old -> stored("2", "game"));
        store.upsert("3", old -> stored("3", "chat"));
        assertEquals(Map.of("1", "chat", "2", "game", "3", "chat"), appsById(store.all()));
        assertEquals(Map.of("1", "chat", "3", "chat"), appsById(store.byApp("chat")));
        assertEquals(Map.of("2", "game"), appsById(store.byApp("game")));
        assertEquals(Map.of(), store.byApp("notes"));
        assertEquals(3, store.size());
    }

    @Test
    void aGroupMovedToAnotherAppIsListedThereOnly() {
        store.upsert("1", old -> stored("1", "chat"));
        store.update("1", old -> stored("1", "game"));
        assertEquals(Map.of(), store.byApp("chat"));
        assertEquals(Set.of("1"), store.byApp("game").keySet());
        store.upsert("1", old -> stored("1", "notes"));
        assertEquals(Map.of(), store.byApp("game"));
        assertEquals(Map.of("1", "notes"), appsById(store.all()));
        store.delete("1");
        assertEquals(Map.of(), store.byApp("notes"));
        assertEquals(Map.of(), store.all());
    }

    // --- expiry

    /**
     * Whether the store drops a group by its own clock once its expiry has passed (Redis does),
     * rather than keeping it until {@link GroupStore#deleteExpired}.
     */
    protected boolean dropsExpiredGroupsItself() {
        return false;
    }

    /**
     * The instant the expiry tests take as now. A store that drops groups by its own clock needs
     * one ahead of the real time, so that none of the test's groups is dropped while it runs; the
     * others get a fixed one.
     */
    protected Instant now() {
        return Instant.parse("2026-01-01T00:00:00Z");
    }

    @Test
    void aGroupPastItsExpiryStaysUntilDeleteExpiredUnlessTheStoreDropsIt() {
        Instant past = Instant.parse("2000-01-01T00:00:00Z");
        store.upsert("old", old -> stored("old", "chat", past));
        if (dropsExpiredGroupsItself()) {
            assertEquals(Optional.empty(), store.get("old"));
            assertEquals(Map.of(), store.all(), "the index lists a group the store dropped");
            assertEquals(Map.of(), store.byApp("chat"), "the app index lists a group the store dropped");
            assertEquals(0, store.size());
        } else {
            assertTrue(store.get("old").isPresent(), "a store must not expire groups by its own clock");
            assertEquals(Set.of("old"), store.all().keySet());
            assertEquals(Set.of("old"), store.byApp("chat").keySet());
        }
    }

    @Test
    void deleteExpiredDeletesAndReturnsExactlyThoseExpiredAtOrBeforeNow() {
        Instant now = now();
        store.upsert("before", old -> stored("before", "chat", now.minusNanos(1)));
        store.upsert("at", old -> stored("at", "game", now));
        store.upsert("after", old -> stored("after", "chat", now.plusNanos(1)));
        Map<String, StoredGroup> deleted = store.deleteExpired(now);
        assertEquals(Set.of("before", "at"), deleted.keySet());
        assertEquals("game", deleted.get("at").appId());
        assertEquals(now.minusNanos(1), deleted.get("before").expiresAt());
        assertEquals(Set.of("after"), store.all().keySet());
        assertEquals(Set.of("after"), store.byApp("chat").keySet());
        assertEquals(Map.of(), store.byApp("game"));
        assertEquals(Map.of(), store.deleteExpired(now));
    }

    // --- close

    @Test
    void closingTwiceIsHarmlessAndAClosedStoreAnswersNothing() {
        store.upsert("1", old -> stored("1", "chat"));
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.get("1"));
        assertThrows(IllegalStateException.class, () -> store.all());
        assertThrows(IllegalStateException.class, () -> store.byApp("chat"));
        assertThrows(IllegalStateException.class, () -> store.upsert("2", old -> stored("2", "chat")));
        assertThrows(IllegalStateException.class, () -> store.update("1", old -> stored("1", "game")));
        assertThrows(IllegalStateException.class, () -> store.delete("1"));
        assertThrows(IllegalStateException.class, () -> store.deleteExpired(LATER));
        assertThrows(IllegalStateException.class, () -> store.size());
        // Asynchronous calls fail their future rather than throw: a caller handles one path.
        assertInstanceOf(IllegalStateException.class,
                assertThrows(CompletionException.class, () -> store.getAsync("1").join()).getCause());
        assertInstanceOf(IllegalStateException.class, assertThrows(CompletionException.class,
                () -> store.upsertAsync("2", old -> stored("2", "chat")).join()).getCause());
    }

    // --- many threads

    /** Each upsert and update reads and replaces atomically: of many at once, none is lost. */
    @Test
    void concurrentChangesOfOneGroupAreNotLost() throws Exception {
        int threads = 4;
        int changes = 500;
        store.upsert("1", old -> StoredGroup.of(new Group("1", "0", "chat", "", 0, null, null, null), LATER));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean upsert = t % 2 == 0;
            done.add(pool.submit(() -> {
                for (int i = 0; i < changes; i++) {
                    if (upsert) {
                        store.upsert("1", old -> incremented(old.orElseThrow()));
                    } else {
                        store.update("1", GroupStoreContract::incremented);
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        assertEquals(String.valueOf(threads * changes), store.get("1").orElseThrow().group().name());
    }

    /**
     * Whether a change that refuses past a count, run by many writers at once, holds the count
     * exactly. One process writing the store must; stores shared by several processes say by how
     * much they may overshoot instead.
     */
    protected boolean countsExactlyUnderConcurrentWriters() {
        return true;
    }

    /** How the registry bounds groups: creates that refuse at a count, from many threads at once. */
    @Test
    void concurrentCreatesCheckingTheCountsNeverOvershoot() throws Exception {
        assumeTrue(countsExactlyUnderConcurrentWriters(), "this store documents how far it may overshoot");
        int threads = 8;
        int createsEach = 100;
        int maxTotal = 200;
        int maxPerApp = 120;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < createsEach; i++) {
                    String id = thread + "-" + i;
                    // Three creates in four for chat, so its bound is met before the total's.
                    String app = i % 4 == 3 ? "game" : "chat";
                    try {
                        store.upsert(id, old -> {
                            if (store.size() >= maxTotal || store.countByApp(app) >= maxPerApp) {
                                throw new IllegalStateException("full");
                            }
                            return stored(id, app);
                        });
                    } catch (IllegalStateException refused) {
                        // Past a bound: this create changes nothing.
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        assertEquals(maxPerApp, store.countByApp("chat"));
        assertEquals(maxTotal, store.size());
        assertEquals(maxTotal - maxPerApp, store.countByApp("game"));
    }

    private static StoredGroup incremented(StoredGroup group) {
        long count = Long.parseLong(group.group().name());
        return StoredGroup.of(new Group(group.id(), String.valueOf(count + 1), group.appId(), "", 0, null, null, null),
                group.expiresAt());
    }

    /**
     * Writers create, move between apps, replace and delete while readers list: no write may be
     * lost, and every listing must show the store as it was at one instant during the call.
     */
    @Test
    void concurrentWritersLoseNoWriteAndListingsAreLinearizable() throws Exception {
        int writers = 4;
        int operations = 4000;
        List<MovingGroup> movers = List.of(moving("moved-1"), moving("moved-2"), moving("moved-3"));
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
                            store.upsert(id, old -> stored(id, app));
                            mine.put(id, app);
                        }
                        case 2 -> store.update(id, old -> stored(id, app))
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
        for (MovingGroup mover : movers) {
            moves.add(pool.submit(() -> mover.move(1500, group -> store.update(group.id(), old -> stored(group)),
                    20_000)));
        }
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            reads.add(pool.submit(() -> {
                int listings = 0;
                while (writing.get()) {
                    String app = APPS[listings % APPS.length];
                    long[] from = MovingGroup.done(movers);
                    Map<String, StoredGroup> ofApp = store.byApp(app);
                    long[] to = MovingGroup.begun(movers);
                    checkListing(movers, app, ofApp, from, to);
                    from = MovingGroup.done(movers);
                    Map<String, StoredGroup> all = store.all();
                    to = MovingGroup.begun(movers);
                    checkListing(movers, null, all, from, to);
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
        for (MovingGroup mover : movers) {
            expected.put(mover.id(), mover.currentApp());
        }

        assertEquals(expected, appsById(store.all()));
        Map<String, String> fromApps = new HashMap<>();
        for (String app : APPS) {
            Map<String, StoredGroup> listing = store.byApp(app);
            listing.keySet().forEach(id -> assertFalse(fromApps.containsKey(id), id + " listed under two apps"));
            fromApps.putAll(appsById(listing));
        }
        assertEquals(expected, fromApps);
        assertEquals(expected.size(), store.size());
    }

    private MovingGroup moving(String id) {
        MovingGroup group = new MovingGroup(id, List.of(APPS));
        store.upsert(id, old -> stored(group.version(0)));
        return group;
    }

    private static StoredGroup stored(Group group) {
        return StoredGroup.of(group, LATER);
    }

    private static void checkListing(List<MovingGroup> movers, String app, Map<String, StoredGroup> listing,
                                     long[] from, long[] to) {
        for (int m = 0; m < movers.size(); m++) {
            MovingGroup mover = movers.get(m);
            StoredGroup seen = listing.get(mover.id());
            mover.checkListed(app, seen == null ? null : seen.group(), from[m], to[m]);
        }
    }
}
