package io.disco.api.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRules;
import io.disco.api.group.TtlPolicy;
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
    private static final GroupImport.Rules RULES = new GroupImport.Rules(new GroupRules(GroupLimits.defaults()),
            new TtlPolicy(TTL, Duration.ofSeconds(10), Duration.ofHours(24)), GroupQuota.defaults());
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

        GroupImport.Counts counts = GroupImport.read(new ByteArrayInputStream(file), into, RULES, clock.instant());
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
                GroupImport.read(new ByteArrayInputStream(file), into, RULES, clock.instant()));
        assertEquals(List.of("long"), List.copyOf(groups(into).keySet()));
    }

    private Map<String, Group> groupsIn(byte[] file) throws Exception {
        GroupStore scratch = new InMemoryGroupStore();
        GroupImport.read(new ByteArrayInputStream(file), scratch, RULES, clock.instant());
        return groups(scratch);
    }

    @Test
    void aGroupTheStoreHoldsIsNeverOverwritten() throws Exception {
        put(from, "a", "chat", null);
        put(from, "b", "chat", null);
        byte[] file = export();
        put(into, "a", "other", null);

        assertEquals(new GroupImport.Counts(1, 1, 0),
                GroupImport.read(new ByteArrayInputStream(file), into, RULES, clock.instant()));
        assertEquals("other", into.get("a").orElseThrow().appId());
        assertEquals("chat", into.get("b").orElseThrow().appId());
    }

    @Test
    void aFileWithABadGroupWritesNothing() {
        String file = "{\"a\":{\"AppID\":\"chat\",\"LastUpdated\":1773075905},\"b\":{\"Name\":\"no app\"}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupImport.read(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), into, RULES, clock.instant()));
        assertEquals("group b: AppID is required", e.getMessage());
        assertEquals(0, into.size());

        assertThrows(IllegalArgumentException.class, () -> GroupImport.read(
                new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), into, RULES, clock.instant()));
        assertThrows(IllegalArgumentException.class, () -> GroupImport.read(new ByteArrayInputStream(
                "{\"a\":{\"ID\":\"b\",\"AppID\":\"chat\"}}".getBytes(StandardCharsets.UTF_8)), into, RULES,
                clock.instant()));
    }

    private GroupImport.Counts importText(String file, GroupImport.Rules rules) throws Exception {
        return GroupImport.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), into, rules,
                clock.instant());
    }

    @Test
    void aTtlOutsideTheBoundsIsClampedAsAServerClampsIt() throws Exception {
        long now = clock.instant().getEpochSecond();
        importText("{\"long\":{\"AppID\":\"chat\",\"LastUpdated\":" + now + ",\"TTL\":999999999},"
                + "\"short\":{\"AppID\":\"chat\",\"LastUpdated\":" + now + ",\"TTL\":1}}", RULES);

        assertEquals(86400L, into.get("long").orElseThrow().group().ttl());
        assertEquals(clock.instant().plus(Duration.ofHours(24)), into.get("long").orElseThrow().expiresAt());
        assertEquals(10L, into.get("short").orElseThrow().group().ttl());
        assertEquals(clock.instant().plusSeconds(10), into.get("short").orElseThrow().expiresAt());
    }

    @Test
    void aLastUpdatedAheadOfTheClockDoesNotOutliveItsTtl() throws Exception {
        importText("{\"a\":{\"AppID\":\"chat\",\"LastUpdated\":" + (clock.instant().getEpochSecond() + 86400L * 365)
                + ",\"TTL\":60}}", RULES);
        assertEquals(clock.instant().plusSeconds(60), into.get("a").orElseThrow().expiresAt());
    }

    @Test
    void aLastUpdatedNoTimeCanHoldIsRefusedNamingTheGroup() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> importText(
                "{\"a\":{\"AppID\":\"chat\",\"LastUpdated\":1773075905},"
                        + "\"far\":{\"AppID\":\"chat\",\"LastUpdated\":9223372036854775807}}", RULES));
        assertEquals("group far: LastUpdated 9223372036854775807 is not a time a group can have been written",
                e.getMessage());
        assertEquals(0, into.size());
    }

    @Test
    void aGroupPastTheServersLimitsImportsNothing() {
        GroupImport.Rules onePeer = new GroupImport.Rules(new GroupRules(GroupLimits.withMaxPeers(1)), RULES.ttl(),
                RULES.quota());
        String peers = "\"Peers\":[{\"NetAddr\":\"a\"},{\"NetAddr\":\"b\"}]";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> importText(
                "{\"a\":{\"AppID\":\"chat\",\"LastUpdated\":1773075905," + peers + "}}", onePeer));
        assertEquals("group a: Peers has 2 peers; at most 1 are allowed", e.getMessage());
        assertEquals(0, into.size());
    }

    @Test
    void groupsPastTheQuotaImportNothing() throws Exception {
        put(into, "there", "chat", null);
        long now = clock.instant().getEpochSecond();
        String file = "{\"there\":{\"AppID\":\"chat\",\"LastUpdated\":" + now + "},"
                + "\"b\":{\"AppID\":\"chat\",\"LastUpdated\":" + now + "},"
                + "\"c\":{\"AppID\":\"game\",\"LastUpdated\":" + now + "}}";

        GroupImport.Rules twoGroups = new GroupImport.Rules(RULES.groups(), RULES.ttl(), new GroupQuota(2, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> importText(file, twoGroups));
        assertEquals("group c: the store would keep more than 2 groups (--max-groups)", e.getMessage());
        assertEquals(List.of("there"), List.copyOf(groups(into).keySet()));

        GroupImport.Rules onePerApp = new GroupImport.Rules(RULES.groups(), RULES.ttl(), new GroupQuota(10, 1));
        e = assertThrows(IllegalArgumentException.class, () -> importText(file, onePerApp));
        assertEquals("group b: application chat would have more than 1 groups (--max-groups-per-app)", e.getMessage());
        assertEquals(List.of("there"), List.copyOf(groups(into).keySet()));

        assertEquals(new GroupImport.Counts(2, 1, 0),
                importText(file, new GroupImport.Rules(RULES.groups(), RULES.ttl(), new GroupQuota(3, 2))));
    }
}
