package io.disco.api.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.expiry.ExpirySweeper;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.common.model.Group;
import io.disco.common.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registry under {@code --max-groups} and {@code --max-groups-per-app}. */
class GroupQuotaTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int APPS = 4;

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private final InMemoryGroupStore store = new InMemoryGroupStore();

    private GroupRegistry registry(int maxGroups, int maxGroupsPerApp) {
        return new GroupRegistry(store, new GroupRules(GroupLimits.defaults()),
                new GroupQuota(maxGroups, maxGroupsPerApp), new TtlPolicy(TTL, Duration.ofSeconds(10),
                Duration.ofHours(1)), clock);
    }

    private static Group group(String id, String app) {
        return new Group(id, "name", app, "", 0, List.of(), List.of(), null);
    }

    @Test
    void aCreatePastTheTotalIsRefusedAndChangesNothing() {
        GroupRegistry registry = registry(3, 3);
        registry.createOrReplace(group("1", "a"));
        registry.createOrReplace(group("2", "b"));
        registry.createOrReplace(group("3", "c"));

        ServerFullException e = assertThrows(ServerFullException.class,
                () -> registry.createOrReplace(group("4", "d")));
        assertEquals("the server keeps 3 groups, its most; try again when some have expired", e.getMessage());
        assertThrows(ServerFullException.class, () -> registry.createOrReplace(group("", "a")));
        assertEquals(3, store.size());
        assertEquals(0, store.countByApp("d"));
    }

    @Test
    void aCreatePastTheAppsLimitIsRefusedWhileOtherAppsStillCreate() {
        GroupRegistry registry = registry(100, 2);
        registry.createOrReplace(group("1", "a"));
        registry.createOrReplace(group("2", "a"));

        AppFullException e = assertThrows(AppFullException.class, () -> registry.createOrReplace(group("3", "a")));
        assertEquals("application a has 2 groups, its most", e.getMessage());
        registry.createOrReplace(group("3", "b"));
        assertEquals(List.of("1", "2"), List.copyOf(new TreeSet<>(registry.list("a").keySet())));
    }

    @Test
    void theTotalIsCheckedBeforeTheApps() {
        GroupRegistry registry = registry(2, 2);
        registry.createOrReplace(group("1", "a"));
        registry.createOrReplace(group("2", "a"));
        assertThrows(ServerFullException.class, () -> registry.createOrReplace(group("3", "a")));
    }

    @Test
    void updatesOfKeptGroupsStillWorkWhenFull() {
        GroupRegistry registry = registry(2, 2);
        registry.createOrReplace(group("1", "a"));
        registry.createOrReplace(group("2", "a"));

        registry.createOrReplace(group("1", "a").withTtl(60L));
        registry.update("2", group("", "a").withTtl(90L));
        assertEquals(60L, registry.get("1").group().ttl());
        assertEquals(90L, registry.get("2").group().ttl());
    }

    @Test
    void movingAGroupIntoAFullAppIsACreateThere() {
        GroupRegistry registry = registry(100, 1);
        registry.createOrReplace(group("1", "a"));
        registry.createOrReplace(group("2", "b"));

        assertThrows(AppFullException.class, () -> registry.update("2", group("", "a")));
        assertThrows(AppFullException.class, () -> registry.createOrReplace(group("2", "a")));
        assertEquals("b", registry.get("2").appId());

        registry.update("2", group("", "c"));
        assertEquals("c", registry.get("2").appId());
    }

    @Test
    void expiredGroupsCountUntilSweptThenMakeRoom() {
        GroupRegistry registry = registry(1, 1);
        registry.createOrReplace(group("1", "a"));
        clock.advance(TTL);
        assertThrows(ServerFullException.class, () -> registry.createOrReplace(group("2", "a")));
        // Its own ID replaces what is stored, expired or not: no room is taken.
        registry.createOrReplace(group("1", "a"));
        clock.advance(TTL);

        new ExpirySweeper(store, clock, Duration.ofMinutes(1)).sweep();
        registry.createOrReplace(group("2", "a"));
        assertEquals(1, store.size());
    }

    @Test
    void concurrentCreatesNeverOvershootTheTotal() throws Exception {
        createConcurrently(registry(1000, 1000));
        assertEquals(1000, store.size());
        for (int app = 0; app < APPS; app++) {
            assertTrue(store.countByApp("app-" + app) <= 1000);
        }
    }

    @Test
    void concurrentCreatesNeverOvershootAnAppsLimit() throws Exception {
        createConcurrently(registry(100_000, 200));
        for (int app = 0; app < APPS; app++) {
            assertEquals(200, store.countByApp("app-" + app), "app-" + app);
        }
        assertEquals(APPS * 200, store.size());
    }

    /** Two threads per application, each creating until refused many times over. */
    private void createConcurrently(GroupRegistry registry) throws Exception {
        int threads = 2 * APPS;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String app = "app-" + (t % APPS);
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 600; i++) {
                        try {
                            registry.createOrReplace(group("", app));
                        } catch (ServerFullException | AppFullException refused) {
                            // the limit, reached as meant
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
