package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.disco.api.store.MovingGroup;
import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.DiscoveryApi;
import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.tls.ClientTrust;
import io.disco.common.testing.TestTls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Many clients create, update, move, delete and list at once over HTTPS: no call fails, no write
 * is lost, and every listing a client reads shows the groups being moved between apps as they
 * were at one instant while it was served.
 */
class ConcurrentClientsTest {

    private static final int WRITERS = 6;
    private static final int GROUPS_PER_WRITER = 25;
    private static final String SHARED_APP = "shared";
    private static final List<String> MOVER_APPS = List.of("red", "green", "blue");

    private static Group group(String id, String name, String app) {
        List<Peer> peers = Collections.nCopies(3, new Peer("198.18.0.9:1337", "0X04", "p"));
        return new Group(id, name, app, "", 0, peers, peers, null);
    }

    @Test
    void nothingIsLostAndListingsShowMovedGroupsAsTheyWere() throws Exception {
        try (RunningApi api = new RunningApi();
             DiscoClient disco = DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile()).build()) {
            RawListings raw = new RawListings(api.localhostUri());
            List<MovingGroup> movers = List.of(new MovingGroup("moved-1", MOVER_APPS),
                    new MovingGroup("moved-2", MOVER_APPS));
            for (MovingGroup mover : movers) {
                disco.createGroup(mover.version(0));
            }
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + movers.size() + 2);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<Map<String, String>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String app = "app-" + w;
                writers.add(pool.submit(() -> {
                    Map<String, String> mine = new HashMap<>();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < GROUPS_PER_WRITER; i++) {
                        String id = disco.createGroup(group("", "new", app)).value();
                        ids.add(id);
                        mine.put(id, app);
                    }
                    for (int i = 0; i < ids.size(); i++) {
                        String id = ids.get(i);
                        switch (i % 3) {
                            case 0 -> {
                                disco.updateGroup(id, group(id, "moved", SHARED_APP));
                                mine.put(id, SHARED_APP);
                            }
                            case 1 -> {
                                disco.deleteGroup(id);
                                mine.remove(id);
                            }
                            default -> disco.updateGroup(id, group("", "updated", app));
                        }
                    }
                    return mine;
                }));
            }
            List<Future<?>> moves = new ArrayList<>();
            for (MovingGroup mover : movers) {
                moves.add(pool.submit(() -> mover.move(150, group -> disco.updateGroup(group.id(), group), 2_000_000)));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int listings = 0;
                    while (writing.get()) {
                        String app = listings % 2 == 0 ? null : MOVER_APPS.get(listings / 2 % MOVER_APPS.size());
                        long[] from = MovingGroup.done(movers);
                        Map<String, List<Group>> listing = raw.list(app);
                        long[] to = MovingGroup.begun(movers);
                        for (int m = 0; m < movers.size(); m++) {
                            MovingGroup mover = movers.get(m);
                            List<Group> seen = listing.getOrDefault(mover.id(), List.of());
                            assertTrue(seen.size() <= 1, mover.id() + " listed " + seen.size() + " times");
                            mover.checkListed(app, seen.isEmpty() ? null : seen.get(0), from[m], to[m]);
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
            for (Future<?> move : moves) {
                move.get();
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get() > 0);
            }
            pool.shutdown();
            for (MovingGroup mover : movers) {
                expected.put(mover.id(), mover.currentApp());
            }

            Map<String, String> actual = new HashMap<>();
            disco.listGroups().forEach((id, g) -> actual.put(id, g.appId()));
            assertEquals(expected, actual);
            int movedPerWriter = (GROUPS_PER_WRITER + 2) / 3;
            assertEquals(WRITERS * movedPerWriter, disco.listGroups(SHARED_APP).size());
        }
    }

    /**
     * A listing read as the bytes came, keeping every occurrence of a key: a client's map would
     * hide a group the body names twice.
     */
    private static final class RawListings {
        private final URI base;
        private final HttpClient http;

        RawListings(URI base) {
            this.base = base;
            this.http = HttpClient.newBuilder()
                    .sslContext(ClientTrust.certificate(TestTls.certFile()).sslContext())
                    .build();
        }

        Map<String, List<Group>> list(String app) throws IOException, InterruptedException {
            String query = app == null ? "" : "?" + DiscoveryApi.APP_ID + "=" + URLEncoder.encode(app, StandardCharsets.UTF_8);
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/groups" + query)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            Map<String, List<Group>> listing = new HashMap<>();
            // Each group is read from the middle of the listing, so what follows it is no error.
            ObjectReader groups = DiscoJson.mapper().readerFor(Group.class)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            try (JsonParser parser = DiscoJson.mapper().createParser(response.body())) {
                assertEquals(JsonToken.START_OBJECT, parser.nextToken());
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String id = parser.currentName();
                    parser.nextToken();
                    listing.computeIfAbsent(id, key -> new ArrayList<>()).add(groups.readValue(parser));
                }
            }
            return listing;
        }
    }
}
