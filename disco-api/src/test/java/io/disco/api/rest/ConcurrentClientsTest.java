package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
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
    private static final String[] MOVER_APPS = {"red", "green", "blue"};

    private static Group group(String id, String name, String app) {
        List<Peer> peers = Collections.nCopies(3, new Peer("198.18.0.9:1337", "0X04", "p"));
        return new Group(id, name, app, "", 0, peers, peers, null);
    }

    @Test
    void nothingIsLostAndListingsShowMovedGroupsAsTheyWere() throws Exception {
        try (RunningApi api = new RunningApi();
             DiscoClient disco = DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile()).build()) {
            RawListings raw = new RawListings(api.localhostUri());
            List<Mover> movers = List.of(new Mover(disco, "moved-1"), new Mover(disco, "moved-2"));
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
            for (Mover mover : movers) {
                moves.add(pool.submit(() -> mover.move(150)));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int listings = 0;
                    while (writing.get()) {
                        String app = listings % 2 == 0 ? null : MOVER_APPS[listings / 2 % MOVER_APPS.length];
                        long[] from = Mover.done(movers);
                        Map<String, List<Group>> listing = raw.list(app);
                        long[] to = Mover.begun(movers);
                        for (int m = 0; m < movers.size(); m++) {
                            movers.get(m).checkListing(app, listing, from[m], to[m]);
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
            for (Mover mover : movers) {
                expected.put(mover.id, Mover.appOf(mover.done.get()));
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

    /**
     * One group that one client moves round {@link #MOVER_APPS} and never deletes: its version
     * {@code v}, kept in the group's name, lives in {@code appOf(v)}. A reader that reads
     * {@code done} before a listing and {@code begun} after the answer knows every version the
     * server may show it: exactly those from one to the other.
     */
    private static final class Mover {
        final DiscoClient disco;
        final String id;
        final AtomicLong begun = new AtomicLong();
        final AtomicLong done = new AtomicLong();

        Mover(DiscoClient disco, String id) {
            this.disco = disco;
            this.id = id;
            disco.createGroup(group(id, "0", appOf(0)));
        }

        static String appOf(long version) {
            return MOVER_APPS[(int) (version % MOVER_APPS.length)];
        }

        static long[] done(List<Mover> movers) {
            return movers.stream().mapToLong(mover -> mover.done.get()).toArray();
        }

        static long[] begun(List<Mover> movers) {
            return movers.stream().mapToLong(mover -> mover.begun.get()).toArray();
        }

        void move(int times) {
            for (int i = 0; i < times; i++) {
                long next = begun.incrementAndGet();
                disco.updateGroup(id, group(id, Long.toString(next), appOf(next)));
                done.set(next);
                // A pause lets readers list while no move is under way, when the group's app is certain.
                LockSupport.parkNanos(2_000_000);
            }
        }

        /** @param app the app listed, or {@code null} for {@code GET /groups} */
        void checkListing(String app, Map<String, List<Group>> listing, long from, long to) {
            List<Group> seen = listing.getOrDefault(id, List.of());
            assertTrue(seen.size() <= 1, id + " listed " + seen.size() + " times");
            if (seen.isEmpty()) {
                assertTrue(app != null, id + " missing from GET /groups");
                boolean elsewhere = LongStream.rangeClosed(from, to).anyMatch(v -> !appOf(v).equals(app));
                assertTrue(elsewhere, id + " missing from " + app + ", where version " + from + " was throughout");
                return;
            }
            Group group = seen.get(0);
            long v = Long.parseLong(group.name());
            assertTrue(from <= v && v <= to,
                    id + " listed as version " + v + ", but only versions " + from + " to " + to + " were current");
            assertEquals(appOf(v), group.appId(), id + " version " + v + " carries another app");
            assertTrue(app == null || app.equals(group.appId()), id + " version " + v + " listed under " + app);
        }
    }
}
