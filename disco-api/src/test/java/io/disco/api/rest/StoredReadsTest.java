package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRegistry;
import io.disco.api.store.InMemoryGroupStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reads answered ahead of Jersey are answered as Jersey answers them, and the ones it must
 * leave to Jersey reach Jersey. Plain HTTP on loopback: TLS is the same in front of either.
 */
class StoredReadsTest {

    private final ServedHandlers served = new ServedHandlers();

    @AfterEach
    void stopServers() throws Exception {
        served.close();
    }

    @Test
    void answersReadsOfStoredGroupsWithJerseysBytesAndLeavesTheRestToJersey() throws Exception {
        GroupRegistry registry = served.registry(new InMemoryGroupStore(), GroupQuota.defaults());
        registry.createOrReplace(ServedHandlers.group("g-1", "app one"));
        registry.createOrReplace(ServedHandlers.group("g.2~x", "app one"));
        registry.createOrReplace(ServedHandlers.group("g-3", "app+two"));
        URI both = served.serve(new StoredReads(registry, ServedHandlers.jersey(registry)));
        URI jerseyOnly = served.serve(ServedHandlers.jersey(registry));
        URI storedOnly = served.serve(new StoredReads(registry, ServedHandlers.teapot()));

        // What the stored reads answer themselves: the same as Jersey, and without it.
        List<String[]> taken = List.of(
                new String[] {"GET", "/groups/g-1", null},
                new String[] {"GET", "/groups/g.2~x", "*/*"},
                new String[] {"HEAD", "/groups/g-1", "application/json"},
                new String[] {"GET", "/groups", null},
                new String[] {"GET", "/groups?app-id=app%20one", null},
                new String[] {"GET", "/groups?app-id=app+one", null},
                new String[] {"GET", "/groups?app-id=app%2Btwo", null},
                new String[] {"GET", "/groups?app-id=", null},
                new String[] {"GET", "/groups?app-id=nobody", null},
                new String[] {"HEAD", "/groups?app-id=app%20one", null});
        for (String[] r : taken) {
            ServedHandlers.Answer expected = served.ask(jerseyOnly, r[0], r[1], r[2]);
            assertEquals(expected, served.ask(both, r[0], r[1], r[2]), r[0] + " " + r[1]);
            assertEquals(expected, served.ask(storedOnly, r[0], r[1], r[2]), r[0] + " " + r[1] + " without Jersey");
        }
        assertTrue(served.ask(both, "GET", "/groups?app-id=app%20one", null).body().contains("\"g.2~x\":{"));

        // What they leave to Jersey: errors, other methods, other paths, other queries and Accepts.
        List<String[]> left = List.of(
                new String[] {"GET", "/groups/nope", null},
                new String[] {"GET", "/groups/g%2D1", null},
                new String[] {"GET", "/groups/g-1?x=1", null},
                new String[] {"GET", "/groups/g-1/", null},
                new String[] {"GET", "/groups/", null},
                new String[] {"GET", "/groups/g-1", "text/plain"},
                new String[] {"GET", "/groups/g-1", "application/json;q=0"},
                new String[] {"GET", "/groups?app-id=a&app-id=b", null},
                new String[] {"GET", "/groups?app-id=a&more=1", null},
                new String[] {"GET", "/groups?app-id=%FF", null},
                new String[] {"GET", "/group", null},
                new String[] {"DELETE", "/groups/g-1", null},
                new String[] {"OPTIONS", "/groups", null});
        for (String[] r : left) {
            ServedHandlers.Answer leftToJersey = served.ask(storedOnly, r[0], r[1], r[2]);
            assertEquals(418, leftToJersey.status(), r[0] + " " + r[1] + " " + r[2] + ": " + leftToJersey);
            if (!"DELETE".equals(r[0])) {
                assertEquals(served.ask(jerseyOnly, r[0], r[1], r[2]), served.ask(both, r[0], r[1], r[2]), r[0] + " " + r[1]);
            }
        }
    }

    @Test
    void anExpiredGroupIsLeftToJerseyWhichAnswers404() throws Exception {
        GroupRegistry registry = served.registry(new InMemoryGroupStore(), GroupQuota.defaults());
        registry.createOrReplace(ServedHandlers.group("old", "app"));
        served.clock.advance(Duration.ofMinutes(6));
        URI both = served.serve(new StoredReads(registry, ServedHandlers.jersey(registry)));
        assertEquals(404, served.ask(both, "GET", "/groups/old", null).status());
        assertEquals("{}", served.ask(both, "GET", "/groups?app-id=app", null).body());
    }

    @Test
    void aFailingStoreIsAnsweredAsJerseysMapperAnswersIt() throws Exception {
        GroupRegistry failing = served.registry(new ServedHandlers.FailingStore(), GroupQuota.defaults());
        URI both = served.serve(new StoredReads(failing, ServedHandlers.teapot()));
        URI jerseyOnly = served.serve(ServedHandlers.jersey(failing));
        for (String target : List.of("/groups/g-1", "/groups?app-id=app", "/groups")) {
            ServedHandlers.Answer expected = served.ask(jerseyOnly, "GET", target, null);
            assertEquals(503, expected.status());
            assertEquals(expected, served.ask(both, "GET", target, null), target);
        }
    }
}
