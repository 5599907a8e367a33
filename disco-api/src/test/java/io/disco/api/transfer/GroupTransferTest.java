package io.disco.api.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.api.store.GroupStore;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Export from one store and import into another, whatever the stores are. */
class GroupTransferTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Peer PEER = new Peer("198.18.0.1:1337", "0X04AB", "Mónica");

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private final GroupStore from = new InMemoryGroupStore();
    private final GroupStore into = new InMemoryGroupStore();

    private void put(GroupStore store, String id, String app, Long ttl) {
        Instant now = clock.instant();
        Group group = new Group(id, "group " + id, app, "", now.getEpochSecond(), List.of(PEER), List.of(PEER), ttl);
        store.upsert(id, old -> StoredGroup.of(group, now.plus(ttl == null ? TTL : Duration.ofSeconds(ttl))));
    }

    private byte[] export() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GroupExport.write(from, clock, out);
        return out.toByteArray();
    }

    private static Map<String, Group> groups(GroupStore store) {
        Map<String, Group> groups = new TreeMap<>();
        store.all().forEach((id, group) -> groups.put(id, group.group()));
        return groups;
    }

    private static Map<String, Instant> expiries(GroupStore store) {
        Map<String, Instant> expiries = new TreeMap<>();
        store.all().forEach((id, group) -> expiries.put(id, group.expiresAt()));
        return expiries;
    }

    @Test
    void aRoundTripKeepsEveryFieldAndEveryExpiry() throws Exception {
        put(from, "a", "chat", null);
        clock.advance(Duration.ofSeconds(30));
        put(from, "b", "chat", 3600L);
        put(from, "c", "game", 10L);
        byte[] file = export();

        GroupImport.Counts counts = GroupImport.read(new ByteArrayInputStream(file), into, TTL, clock.instant());
        assertEquals(new GroupImport.Counts(3, 0, 0), counts);
        assertEquals(groups(from), groups(into));
        assertEquals(expiries(from), expiries(into));
    }

    @Test
    void theFileIsWhatGetGroupsAnswers() throws Exception {
        put(from, "a", "chat", 60L);
        String file = new String(export(), StandardCharsets.UTF_8);
        assertEquals("{\"a\":" + new String(from.get("a").orElseThrow().json(), StandardCharsets.UTF_8) + "}\n", file);
    }

    @Test
    void expiredGroupsAreNeitherExportedNorImported() throws Exception {
        put(from, "short", "chat", 10L);
        put(from, "long", "chat", 3600L);
        byte[] file = export();
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("long"), List.copyOf(new TreeMap<>(groupsIn(export())).keySet()));

        assertEquals(new GroupImport.Counts(1, 0, 1),
                GroupImport.read(new ByteArrayInputStream(file), into, TTL, clock.instant()));
        assertEquals(List.of("long"), List.copyOf(groups(into).keySet()));
    }

    private Map<String, Group> groupsIn(byte[] file) throws Exception {
        GroupStore scratch = new InMemoryGroupStore();
        GroupImport.read(new ByteArrayInputStream(file), scratch, TTL, clock.instant());
        return groups(scratch);
    }

    @Test
    void aGroupTheStoreHoldsIsNeverOverwritten() throws Exception {
        put(from, "a", "chat", null);
        put(from, "b", "chat", null);
        byte[] file = export();
        put(into, "a", "other", null);

        assertEquals(new GroupImport.Counts(1, 1, 0),
                GroupImport.read(new ByteArrayInputStream(file), into, TTL, clock.instant()));
        assertEquals("other", into.get("a").orElseThrow().appId());
        assertEquals("chat", into.get("b").orElseThrow().appId());
    }

    @Test
    void aFileWithABadGroupWritesNothing() {
        String file = "{\"a\":{\"AppID\":\"chat\",\"LastUpdated\":1773075905},\"b\":{\"Name\":\"no app\"}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupImport.read(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), into, TTL, clock.instant()));
        assertEquals("group b: AppID is required", e.getMessage());
        assertEquals(0, into.size());

        assertThrows(IllegalArgumentException.class, () -> GroupImport.read(
                new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), into, TTL, clock.instant()));
        assertThrows(IllegalArgumentException.class, () -> GroupImport.read(new ByteArrayInputStream(
                "{\"a\":{\"ID\":\"b\",\"AppID\":\"chat\"}}".getBytes(StandardCharsets.UTF_8)), into, TTL,
                clock.instant()));
    }
}
