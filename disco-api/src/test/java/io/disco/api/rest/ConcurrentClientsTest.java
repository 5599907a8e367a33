package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.TestTls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many clients create, update, move, delete and list at once over HTTPS: no call fails, no
 * write is lost, and every listing holds only whole groups of the app it asked for.
 */
class ConcurrentClientsTest {

    private static final int WRITERS = 8;
    private static final int GROUPS_PER_WRITER = 25;
    private static final String SHARED_APP = "shared";

    /** Every group carries as many peers as its name says, so a torn write would show. */
    private static Group group(String id, String app, int peers) {
        List<Peer> list = Collections.nCopies(peers, new Peer("198.18.0.9:1337", "0X04", "p"));
        return new Group(id, String.valueOf(peers), app, "", 0, list, list, null);
    }

    @Test
    void nothingIsLostAndNoListingIsTorn() throws Exception {
        try (RunningApi api = new RunningApi();
             DiscoClient disco = DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<Map<String, String>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String app = "app-" + w;
                writers.add(pool.submit(() -> {
                    Map<String, String> mine = new HashMap<>();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < GROUPS_PER_WRITER; i++) {
                        String id = disco.createGroup(group("", app, 1 + i % 5)).value();
                        ids.add(id);
                        mine.put(id, app);
                    }
                    for (int i = 0; i < ids.size(); i++) {
                        String id = ids.get(i);
                        switch (i % 3) {
                            case 0 -> {
                                disco.updateGroup(id, group(id, SHARED_APP, 1 + (i + 1) % 5));
                                mine.put(id, SHARED_APP);
                            }
                            case 1 -> {
                                disco.deleteGroup(id);
                                mine.remove(id);
                            }
                            default -> disco.updateGroup(id, group("", app, 5));
                        }
                        assertTrue(disco.listGroups(app).values().stream().allMatch(g -> g.appId().equals(app)));
                    }
                    return mine;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int listings = 0;
                    while (writing.get()) {
                        String app = listings % 2 == 0 ? SHARED_APP : null;
                        for (Group g : disco.listGroups(app).values()) {
                            int peers = Integer.parseInt(g.name());
                            assertEquals(peers, g.peers().size(), "torn group " + g.id());
                            assertEquals(peers, g.genesisPeers().size(), "torn group " + g.id());
                            assertTrue(app == null || app.equals(g.appId()), "group of another app listed");
                        }
                        listings++;
                    }
                    return listings;
                }));
            }
            Map<String, String> expected = new HashMap<>();
            for (Future<Map<String, String>> writer : writers) {
                expected.putAll(writer.get());
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get() > 0);
            }
            pool.shutdown();

            Map<String, String> actual = new HashMap<>();
            disco.listGroups().forEach((id, g) -> actual.put(id, g.appId()));
            assertEquals(expected, actual);
            int movedPerWriter = (GROUPS_PER_WRITER + 2) / 3;
            assertEquals(WRITERS * movedPerWriter, disco.listGroups(SHARED_APP).size());
        }
    }
}
