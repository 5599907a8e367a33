package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRegistry;
import io.disco.api.group.GroupRules;
import io.disco.api.group.TtlPolicy;
import io.disco.api.store.GroupStore;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reads answered ahead of Jersey are answered as Jersey answers them, and the ones it must
 * leave to Jersey reach Jersey. Plain HTTP on loopback: TLS is the same in front of either.
 */
class StoredReadsTest {

    private static final String TEAPOT = "not for the stored reads";

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private final List<Server> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopServers() throws Exception {
        for (Server server : servers) {
            server.stop();
        }
    }

    private GroupRegistry registry(GroupStore store) {
        return new GroupRegistry(store, new GroupRules(GroupLimits.withMaxPeers(50)), GroupQuota.defaults(),
                new TtlPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(1)), clock);
    }

    private static Group group(String id, String app) {
        List<Peer> peers = List.of(new Peer("198.18.0.9:1337", "0X04AB", "p \u00e9"));
        return new Group(id, "name of " + id, app, "", 0, peers, peers, null);
    }

    private URI serve(Handler handler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(handler);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private static Handler jersey(GroupRegistry registry) {
        return new JerseyHandler(new ApiApplication(registry, 64 * 1024));
    }

    /** Stands where Jersey stands, to show which requests the stored reads left to it. */
    private static Handler teapot() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Response.writeError(request, response, callback, 418, TEAPOT);
                return true;
            }
        };
    }

    private record Answer(int status, String contentType, String contentLength, String retryAfter, String body) {
    }

    private Answer ask(URI base, String method, String target, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Content-Length").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null), response.body());
    }

    @Test
    void answersReadsOfStoredGroupsWithJerseysBytesAndLeavesTheRestToJersey() throws Exception {
        GroupRegistry registry = registry(new InMemoryGroupStore());
        registry.createOrReplace(group("g-1", "app one"));
        registry.createOrReplace(group("g.2~x", "app one"));
        registry.createOrReplace(group("g-3", "app+two"));
        URI both = serve(new StoredReads(registry, jersey(registry)));
        URI jerseyOnly = serve(jersey(registry));
        URI storedOnly = serve(new StoredReads(registry, teapot()));

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
            Answer expected = ask(jerseyOnly, r[0], r[1], r[2]);
            assertEquals(expected, ask(both, r[0], r[1], r[2]), r[0] + " " + r[1]);
            assertEquals(expected, ask(storedOnly, r[0], r[1], r[2]), r[0] + " " + r[1] + " without Jersey");
        }
        assertTrue(ask(both, "GET", "/groups?app-id=app%20one", null).body().contains("\"g.2~x\":{"));

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
            Answer leftToJersey = ask(storedOnly, r[0], r[1], r[2]);
            assertEquals(418, leftToJersey.status(), r[0] + " " + r[1] + " " + r[2] + ": " + leftToJersey);
            if (!"DELETE".equals(r[0])) {
                assertEquals(ask(jerseyOnly, r[0], r[1], r[2]), ask(both, r[0], r[1], r[2]), r[0] + " " + r[1]);
            }
        }
    }

    @Test
    void anExpiredGroupIsLeftToJerseyWhichAnswers404() throws Exception {
        GroupRegistry registry = registry(new InMemoryGroupStore());
        registry.createOrReplace(group("old", "app"));
        clock.advance(Duration.ofMinutes(6));
        URI both = serve(new StoredReads(registry, jersey(registry)));
        assertEquals(404, ask(both, "GET", "/groups/old", null).status());
        assertEquals("{}", ask(both, "GET", "/groups?app-id=app", null).body());
    }

    @Test
    void aFailingStoreIsAnsweredAsJerseysMapperAnswersIt() throws Exception {
        GroupRegistry failing = registry(new FailingStore());
        URI both = serve(new StoredReads(failing, teapot()));
        URI jerseyOnly = serve(jersey(failing));
        for (String target : List.of("/groups/g-1", "/groups?app-id=app", "/groups")) {
            Answer expected = ask(jerseyOnly, "GET", target, null);
            assertEquals(503, expected.status());
            assertEquals(expected, ask(both, "GET", target, null), target);
        }
    }

    /** A store whose every read fails as a lost Redis or a broken disk does. */
    private static final class FailingStore implements GroupStore {
        private static StoreUnavailableException lost() {
            return new StoreUnavailableException("lost", new java.io.IOException("connection reset"));
        }

        @Override
        public Optional<StoredGroup> get(String id) {
            throw lost();
        }

        @Override
        public Map<String, StoredGroup> all() {
            throw lost();
        }

        @Override
        public Map<String, StoredGroup> byApp(String appId) {
            throw lost();
        }

        @Override
        public StoredGroup upsert(String id, Function<Optional<StoredGroup>, StoredGroup> change) {
            throw lost();
        }

        @Override
        public Optional<StoredGroup> update(String id, UnaryOperator<StoredGroup> change) {
            throw lost();
        }

        @Override
        public boolean delete(String id) {
            throw lost();
        }

        @Override
        public Map<String, StoredGroup> deleteExpired(java.time.Instant now) {
            throw lost();
        }

        @Override
        public int size() {
            throw lost();
        }

        @Override
        public void close() {
        }
    }
}
