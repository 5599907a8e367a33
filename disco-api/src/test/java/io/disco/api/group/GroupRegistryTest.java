package io.disco.api.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.expiry.ExpirySweeper;
import io.disco.api.store.GroupStore;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class GroupRegistryTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Peer PEER = new Peer("198.18.0.1:1337", "0X04AB", "Monica");

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private final InMemoryGroupStore store = new InMemoryGroupStore();
    private final GroupRegistry registry = new GroupRegistry(store, new GroupRules(GroupLimits.defaults()),
            GroupQuota.defaults(), new TtlPolicy(TTL, Duration.ofSeconds(10), Duration.ofHours(1)), clock);
    private final ExpirySweeper sweeper = new ExpirySweeper(store, clock, Duration.ofMinutes(1));

    private static Group group(String id, String app) {
        return new Group(id, "office group", app, "", 0, List.of(PEER), List.of(PEER), null);
    }

    @Test
    void generatesARandomUuidWhenTheGroupHasNoId() {
        String id = registry.createOrReplace(group("", "app"));
        assertEquals(id, UUID.fromString(id).toString());
        assertEquals(id, registry.get(id).id());
    }

    @Test
    void setsLastUpdatedFromTheClockWhateverTheClientSent() {
        String id = registry.createOrReplace(group("", "app").withLastUpdated(42));
        assertEquals(clock.instant().getEpochSecond(), registry.get(id).group().lastUpdated());

        clock.advance(Duration.ofSeconds(30));
        registry.update(id, group("", "app"));
        assertEquals(clock.instant().getEpochSecond(), registry.get(id).group().lastUpdated());
    }

    @Test
    void createsOrReplacesTheGroupWithTheGivenId() {
        registry.createOrReplace(group("7", "app"));
        registry.createOrReplace(new Group("7", "renamed", "app", "", 0, List.of(), List.of(), null));
        assertEquals("renamed", registry.get("7").group().name());
        assertEquals(1, store.size());
    }

    @Test
    void aGroupExpiresWhenNotUpdatedWithinTheTtl() {
        String id = registry.createOrReplace(group("", "app"));
        clock.advance(TTL.minusSeconds(1));
        assertEquals(id, registry.get(id).id());
        assertEquals(0, sweeper.sweep());

        clock.advance(Duration.ofSeconds(1));
        assertThrows(UnknownGroupException.class, () -> registry.get(id));
        assertEquals(List.of(), List.copyOf(registry.list("app").keySet()));
        assertEquals(1, sweeper.sweep());
        assertEquals(0, store.size());
    }

    @Test
    void anUpdateRestartsTheTtl() {
        String id = registry.createOrReplace(group("", "app"));
        clock.advance(Duration.ofMinutes(4));
        registry.update(id, group(id, "app"));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(0, sweeper.sweep());
        assertEquals(id, registry.get(id).id());
    }

    @Test
    void anExpiredGroupCannotBeUpdatedBackToLife() {
        String id = registry.createOrReplace(group("", "app"));
        clock.advance(TTL);
        assertThrows(UnknownGroupException.class, () -> registry.update(id, group(id, "app")));
    }

    @Test
    void anUpdateOfAnExpiredGroupWritesNothing() {
        // Counts the changes the store would write: a store on disk writes whatever a change returns.
        AtomicInteger written = new AtomicInteger();
        GroupStore counting = (GroupStore) Proxy.newProxyInstance(GroupStore.class.getClassLoader(),
                new Class<?>[] {GroupStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("update")) {
                        UnaryOperator<StoredGroup> change = cast(args[1]);
                        args[1] = (UnaryOperator<StoredGroup>) old -> {
                            StoredGroup next = change.apply(old);
                            written.incrementAndGet();
                            return next;
                        };
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        GroupRegistry counted = new GroupRegistry(counting, new GroupRules(GroupLimits.defaults()),
                GroupQuota.defaults(), new TtlPolicy(TTL, Duration.ofSeconds(10), Duration.ofHours(1)), clock);
        String id = counted.createOrReplace(group("", "app"));
        counted.update(id, group(id, "app"));
        assertEquals(1, written.get());

        clock.advance(TTL);
        assertThrows(UnknownGroupException.class, () -> counted.update(id, group(id, "app")));
        assertEquals(1, written.get());
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @Test
    void aGroupWithoutTtlUsesTheDefaultAndShowsNoTtl() {
        String id = registry.createOrReplace(group("", "app"));
        assertNull(registry.get(id).group().ttl());
    }

    @Test
    void aGroupsOwnTtlIsClampedToTheBounds() {
        String shortLived = registry.createOrReplace(group("", "app").withTtl(1L));
        String longLived = registry.createOrReplace(group("", "app").withTtl(1_000_000L));
        String exact = registry.createOrReplace(group("", "app").withTtl(90L));

        assertEquals(10L, registry.get(shortLived).group().ttl());
        assertEquals(3600L, registry.get(longLived).group().ttl());
        assertEquals(90L, registry.get(exact).group().ttl());

        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, sweeper.sweep());
        clock.advance(Duration.ofSeconds(80));
        assertEquals(1, sweeper.sweep());
        clock.advance(TTL);
        assertEquals(0, sweeper.sweep());
        assertEquals(longLived, registry.get(longLived).id());
        clock.advance(Duration.ofHours(1));
        assertEquals(1, sweeper.sweep());
    }

    @Test
    void anUpdateWithoutTtlKeepsTheGrantedOne() {
        String id = registry.createOrReplace(group("", "app").withTtl(600L));
        registry.update(id, group("", "app"));
        assertEquals(600L, registry.get(id).group().ttl());
        registry.update(id, group("", "app").withTtl(120L));
        assertEquals(120L, registry.get(id).group().ttl());
    }

    @Test
    void refusesANonPositiveTtl() {
        assertThrows(InvalidGroupException.class, () -> registry.createOrReplace(group("", "app").withTtl(0L)));
        assertThrows(InvalidGroupException.class, () -> registry.createOrReplace(group("", "app").withTtl(-5L)));
    }

    @Test
    void thePathsIdIsAuthoritative() {
        String id = registry.createOrReplace(group("", "app"));
        InvalidGroupException e = assertThrows(InvalidGroupException.class,
                () -> registry.update(id, group("other", "app")));
        assertEquals("the body's ID other differs from the path's " + id, e.getMessage());
        assertThrows(UnknownGroupException.class, () -> registry.get("other"));
    }

    @Test
    void updatingAnUnknownGroupCreatesNothing() {
        assertThrows(UnknownGroupException.class, () -> registry.update("nope", group("", "app")));
        assertEquals(0, store.size());
    }

    @Test
    void movingAGroupToAnotherAppMovesItInTheListings() {
        String id = registry.createOrReplace(group("", "first"));
        registry.update(id, group(id, "second"));
        assertTrue(registry.list("first").isEmpty());
        assertEquals(List.of(id), List.copyOf(registry.list("second").keySet()));
        assertEquals(List.of(id), List.copyOf(registry.list(null).keySet()));
    }

    @Test
    void listsByAppOrAll() {
        String a = registry.createOrReplace(group("", "a"));
        String b = registry.createOrReplace(group("", "b"));
        assertEquals(List.of(a), List.copyOf(registry.list("a").keySet()));
        assertEquals(2, registry.list("").size());
        assertEquals(2, registry.list(null).size());
        assertTrue(registry.list("unknown").isEmpty());
        assertFalse(registry.list(null).containsKey("x"));
        assertEquals(b, registry.list("b").get(b).id());
    }

    @Test
    void deleteRemovesOrSaysUnknown() {
        String id = registry.createOrReplace(group("", "app"));
        registry.delete(id);
        assertThrows(UnknownGroupException.class, () -> registry.get(id));
        assertThrows(UnknownGroupException.class, () -> registry.delete(id));
    }
}
