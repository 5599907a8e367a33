package io.disco.api.rest;

import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRegistry;
import io.disco.api.group.GroupRules;
import io.disco.api.group.TtlPolicy;
import io.disco.api.ice.IceConfig;
import io.disco.api.ice.IceServersIssuer;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreUnavailableException;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty servers on loopback, plain HTTP, each with one arrangement of the API's handlers, for
 * tests that hold the handlers ahead of Jersey to Jersey's own answers. TLS is the same in front
 * of any arrangement, so it is left out.
 */
final class ServedHandlers implements AutoCloseable {

    static final long MAX_BODY = 4096;
    static final String TEAPOT = "left for Jersey";

    final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private final List<Server> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    GroupRegistry registry(GroupStore store, GroupQuota quota) {
        return new GroupRegistry(store, new GroupRules(GroupLimits.withMaxPeers(50)), quota,
                new TtlPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(1)), clock);
    }

    static Group group(String id, String app) {
        List<Peer> peers = List.of(new Peer("198.18.0.9:1337", "0X04AB", "p \u00e9"));
        return new Group(id, "name of " + id, app, "", 0, peers, peers, null);
    }

    URI serve(Handler handler) throws Exception {
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

    static Handler jersey(GroupRegistry registry) {
        return new JerseyHandler(new ApiApplication(registry,
                new IceServersIssuer(IceConfig.none(), Optional.empty(), Optional.empty(),
                        MutableClock.at("2026-03-09T17:05:05Z")),
                MAX_BODY));
    }

    /** Stands where Jersey stands, to show which requests were left to it: 418 to each. */
    static Handler teapot() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                // Read to the end as Jersey does: an answer before the body is in races the
                // client still sending it, which may see its connection reset instead.
                Content.Source.asInputStream(request).transferTo(OutputStream.nullOutputStream());
                Response.writeError(request, response, callback, 418, TEAPOT);
                return true;
            }
        };
    }

    /** What a client sees of an answer, all that the handlers ahead of Jersey must match. */
    record Answer(int status, String contentType, String contentLength, String retryAfter, String body) {
    }

    Answer ask(URI base, String method, String target, String accept) throws Exception {
        return ask(base, method, target, accept, HttpRequest.BodyPublishers.noBody());
    }

    Answer ask(URI base, String method, String target, String accept, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target)).method(method, body);
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Content-Length").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null), response.body());
    }

    @Override
    public void close() throws Exception {
        for (Server server : servers) {
            server.stop();
        }
    }

    /** A store whose every call fails as a lost Redis or a broken disk does. */
    static final class FailingStore implements GroupStore {
        private static StoreUnavailableException lost() {
            return new StoreUnavailableException("lost", new IOException("connection reset"));
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
        public boolean delete(String id, Consumer<StoredGroup> check) {
            throw lost();
        }

        @Override
        public Map<String, StoredGroup> deleteExpired(Instant now) {
            throw lost();
        }

        @Override
        public String kind() {
            return "failing";
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
