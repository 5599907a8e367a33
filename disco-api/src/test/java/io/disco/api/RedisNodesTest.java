package io.disco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.GroupNotFoundException;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.TestTls;
import io.disco.redis.testing.RedisServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two discovery API nodes on one Redis behave as one server. Both run on the system clock, the one
 * Redis drops groups by, so a group's expiry as the nodes stamp it and as Redis keeps it agree.
 */
class RedisNodesTest {

    private static final Peer MONICA = new Peer("198.18.0.1:1337", "0X04AB", "Monica");
    private static final Peer ROSS = new Peer("198.18.0.2:1337", "0X04CD", "Ross");

    private static RedisServer redis;
    private static FlaggedNode first;
    private static FlaggedNode second;
    private static DiscoClient one;
    private static DiscoClient two;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("nodes");
        String[] flags = {"--store", redis.uri(), "--redis-prefix", "nodes:", "--min-ttl", "1s"};
        first = new FlaggedNode(flags);
        second = new FlaggedNode(flags);
        one = DiscoClient.builder(first.uri()).trustCertificate(TestTls.certFile()).build();
        two = DiscoClient.builder(second.uri()).trustCertificate(TestTls.certFile()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        one.close();
        two.close();
        first.close();
        second.close();
        redis.close();
    }

    @Test
    void aGroupCreatedOnOneNodeIsReadListedChangedAndDeletedThroughEither() {
        String id = one.createGroup(Group.of("office", "Chat", List.of(MONICA))).value();

        assertEquals(List.of(MONICA), two.getGroup(id).peers());
        assertEquals(Set.of(id), two.listGroups("Chat").keySet());
        assertTrue(two.listGroups().containsKey(id));

        two.updateGroup(id, new Group("", "moved", "Notes", "", 0, List.of(ROSS), List.of(MONICA), null));
        Group moved = one.getGroup(id);
        assertEquals("moved", moved.name());
        assertEquals(List.of(ROSS), moved.peers());
        assertEquals(Map.of(), one.listGroups("Chat"));
        assertEquals(Set.of(id), one.listGroups("Notes").keySet());

        one.deleteGroup(id);
        assertThrows(GroupNotFoundException.class, () -> two.getGroup(id));
        assertEquals(Map.of(), two.listGroups("Notes"));
        assertTrue(!two.listGroups().containsKey(id));
    }

    @Test
    void aGroupThatExpiresIsGoneFromBothNodesBeforeAnySweep() throws Exception {
        String id = one.createGroup(new Group("", "brief", "Brief", "", 0, List.of(MONICA), List.of(MONICA), 1L))
                .value();
        assertEquals(1L, two.getGroup(id).ttl());
        assertEquals(Set.of(id), two.listGroups("Brief").keySet());

        // The sweepers run once a minute: what the nodes see here is the TTL and Redis's expiry.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (isListedAnywhere(id)) {
            assertTrue(System.nanoTime() < deadline, "group " + id + " with a TTL of 1s still listed after 5s");
            Thread.sleep(50);
        }
        assertThrows(GroupNotFoundException.class, () -> one.getGroup(id));
        assertThrows(GroupNotFoundException.class, () -> two.getGroup(id));
        assertEquals(Map.of(), one.listGroups("Brief"));
        assertEquals(0, first.server.store().size(), "Redis still keeps the expired group");
    }

    private static boolean isListedAnywhere(String id) {
        return one.listGroups("Brief").containsKey(id) || two.listGroups("Brief").containsKey(id)
                || one.listGroups().containsKey(id) || two.listGroups().containsKey(id);
    }

    @Test
    void theNodesShareNothingButRedisSoNeitherCachesWhatTheOtherChanged() {
        String id = one.createGroup(Group.of("v1", "Cache", List.of(MONICA))).value();
        for (int v = 2; v <= 5; v++) {
            DiscoClient writer = v % 2 == 0 ? two : one;
            DiscoClient reader = v % 2 == 0 ? one : two;
            writer.updateGroup(id, new Group("", "v" + v, "Cache", "", 0, List.of(MONICA), List.of(MONICA), null));
            assertEquals("v" + v, reader.getGroup(id).name());
            assertEquals("v" + v, reader.listGroups("Cache").get(id).name());
        }
        one.deleteGroup(id);
    }
}
