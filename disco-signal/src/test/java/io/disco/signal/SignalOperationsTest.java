package io.disco.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.ops.Operations;
import io.disco.ops.OpsConfig;
import io.disco.ops.OpsListener;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampSerializer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What operators see of the signaling router, over its real websocket and the real metrics
 * listener: the counts on {@code /metrics} after real clients' sessions and calls (Autobahn|JS and
 * the Java test client), the refused joins, the drain, and liveness.
 */
class SignalOperationsTest {

    private static final String ECHO = "com.example.echo";

    private final Operations operations = new Operations();
    private final HttpClient http = HttpClient.newHttpClient();
    private RunningRouter router;
    private OpsListener ops;

    @BeforeEach
    void start() throws Exception {
        router = new RunningRouter(operations);
        ops = new OpsListener(new OpsConfig(InetAddress.getLoopbackAddress(), OptionalInt.of(0), Duration.ofSeconds(5),
                Optional.empty()), operations);
        ops.start();
    }

    @AfterEach
    void stop() {
        ops.stop();
        router.close();
        operations.close();
    }

    @Test
    void autobahnSessionsAndCallsAreCounted() throws Exception {
        NodeScript.install();
        NodeScript.run("babble-flow.js", "wss://localhost:" + router.server.port() + "/", "json");

        Scrape scrape = scrape();
        assertEquals(2, scrape.value("disco_signal_joins_total"));
        // An answered offer, a refused one (the callee's error), one to a procedure since unregistered.
        assertEquals(2, scrape.value("disco_signal_calls_routed_total"));
        assertEquals(2, scrape.value("disco_signal_call_duration_seconds_count"));
        assertCallErrors(scrape, 1, 1, 0, 0);
        // Both left with GOODBYE: nothing is held any more.
        awaitSessions(0);
        Scrape after = scrape();
        assertEquals(0, after.value("disco_signal_registrations"));
        assertEquals(0, after.value("disco_signal_subscriptions"));
        assertTrue(after.text().lines().anyMatch(line -> line.startsWith("jetty_threads_busy{")
                && line.contains("server=\"signal\"")), "no Jetty thread pool of the router");
        assertTrue(after.text().lines().anyMatch(line -> line.startsWith("jetty_connections_")
                && line.contains("server=\"signal\"")), "no Jetty connections of the router");
    }

    /** Each message the router reads and writes, and each way a call ends, counted to the one. */
    @Test
    void messagesCallsAndTheirEndsAreCountedExactly() throws Exception {
        try (Peer callee = Peer.join(router); Peer caller = Peer.join(router)) {
            long registration = callee.register(ECHO);
            caller.sendCounted(new WampMessage.Subscribe(caller.client.nextRequest(), WampCodec.dict(), "com.example.news"));
            caller.receiveCounted(WampMessage.Subscribed.class);

            // Answered.
            long answered = caller.call(ECHO, WampCodec.dict());
            Invocation first = callee.receiveCounted(Invocation.class);
            assertEquals(registration, first.registration());
            callee.sendCounted(new WampMessage.Yield(first.request(), WampCodec.dict(), TestClient.args("hi"), null));
            assertEquals(answered, caller.receiveCounted(Result.class).request());

            // No callee.
            long unrouted = caller.call("com.example.nobody", WampCodec.dict());
            caller.expectErrorCounted(unrouted, WampErrors.NO_SUCH_PROCEDURE);

            // Timed out: the callee hears INTERRUPT, the caller the timeout.
            ObjectNode shortTimeout = WampCodec.dict();
            shortTimeout.put("timeout", 1);
            long timedOut = caller.call(ECHO, shortTimeout);
            callee.receiveCounted(Invocation.class);
            callee.receiveCounted(WampMessage.Interrupt.class);
            caller.expectErrorCounted(timedOut, WampErrors.TIMEOUT);

            // Canceled, skipping the callee.
            long canceled = caller.call(ECHO, WampCodec.dict());
            callee.receiveCounted(Invocation.class);
            ObjectNode skip = WampCodec.dict();
            skip.put("mode", "skip");
            caller.sendCounted(new WampMessage.Cancel(canceled, skip));
            caller.expectErrorCounted(canceled, WampErrors.CANCELED);

            // Refused by the callee.
            long refused = caller.call(ECHO, WampCodec.dict());
            Invocation last = callee.receiveCounted(Invocation.class);
            callee.sendCounted(new WampMessage.Error(WampMessage.INVOCATION, last.request(), WampCodec.dict(),
                    "com.example.refused", TestClient.args("no"), null));
            caller.expectErrorCounted(refused, "com.example.refused");

            Scrape scrape = scrape();
            assertEquals(2, scrape.value("disco_signal_joins_total"));
            assertEquals(2, scrape.value("disco_signal_sessions"));
            assertEquals(2, scrape.value("disco_signal_connections"));
            assertEquals(1, scrape.value("disco_signal_registrations"));
            assertEquals(1, scrape.value("disco_signal_subscriptions"));
            assertEquals(4, scrape.value("disco_signal_calls_routed_total"));
            assertCallErrors(scrape, 1, 1, 1, 1);
            assertEquals(1, scrape.value("disco_signal_call_cancels_total{mode=\"skip\"}"));
            assertEquals(0, scrape.value("disco_signal_call_cancels_total{mode=\"killnowait\"}"));
            // The answered call and the refused one: the callee answered both.
            assertEquals(2, scrape.value("disco_signal_call_duration_seconds_count"));
            assertEquals(2, scrape.value("disco_signal_call_duration_seconds_bucket{le=\"+Inf\"}"));
            assertEquals(14, scrape.text().lines()
                    .filter(line -> line.startsWith("disco_signal_call_duration_seconds_bucket{")).count(),
                    "the timer's fixed buckets and +Inf, no percentile histogram");

            long in = callee.sent + caller.sent;
            long out = callee.received + caller.received;
            assertEquals(callee.sentMessages + caller.sentMessages, scrape.value("disco_signal_messages_total{direction=\"in\"}"));
            assertEquals(callee.receivedMessages + caller.receivedMessages,
                    scrape.value("disco_signal_messages_total{direction=\"out\"}"));
            assertEquals(in, scrape.value("disco_signal_traffic_bytes_total{direction=\"in\"}"));
            assertEquals(out, scrape.value("disco_signal_traffic_bytes_total{direction=\"out\"}"));
            assertEquals(0, scrape.value("disco_signal_slow_consumers_disconnected_total"));
        }
    }

    @Test
    void refusedJoinsAreCountedByReason() throws Exception {
        refused(new Hello("nowhere", TestClient.helloDetails(true)), WampErrors.NO_SUCH_REALM);
        refused(new Hello("main", WampCodec.dict()), WampErrors.NO_SUCH_ROLE);
        ObjectNode ticketOnly = TestClient.helloDetails(true);
        ticketOnly.putArray("authmethods").add("ticket");
        refused(new Hello("main", ticketOnly), WampErrors.NO_AUTH_METHOD);
        refused(new Register(1, WampCodec.dict(), ECHO), WampErrors.PROTOCOL_VIOLATION);

        Scrape scrape = scrape();
        assertEquals(1, scrape.value("disco_signal_joins_refused_total{reason=\"realm\"}"));
        assertEquals(1, scrape.value("disco_signal_joins_refused_total{reason=\"auth\"}"));
        assertEquals(2, scrape.value("disco_signal_joins_refused_total{reason=\"protocol\"}"));
        assertEquals(0, scrape.value("disco_signal_joins_refused_total{reason=\"draining\"}"));
        assertEquals(0, scrape.value("disco_signal_joins_total"));
    }

    @Test
    void drainingRefusesNewSessionsWhileTheOpenOnesCallOn() throws Exception {
        try (Peer callee = Peer.join(router); Peer caller = Peer.join(router);
             TestClient early = TestClient.connect(router.uri(), WampSerializer.JSON)) {
            callee.register(ECHO);

            assertEquals(202, post("/drain").statusCode());
            HttpResponse<String> ready = get("/readyz");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("drain"), ready.body());
            assertEquals(200, get("/healthz").statusCode(), "draining is no reason to restart");
            assertTrue(get("/drain").body().contains("\"sessions\":2"), get("/drain").body());

            ExecutionException upgrade = assertThrows(ExecutionException.class,
                    () -> TestClient.connect(router.uri(), WampSerializer.JSON));
            assertEquals(503, assertInstanceOf(UpgradeException.class, upgrade.getCause()).getResponseStatusCode());
            // Upgraded before the drain, joining after it.
            early.send(new Hello("main", TestClient.helloDetails(true)));
            assertEquals(WampErrors.SYSTEM_SHUTDOWN, early.expect(Abort.class).reason());

            long call = caller.call(ECHO, WampCodec.dict());
            Invocation invocation = callee.receiveCounted(Invocation.class);
            callee.sendCounted(new WampMessage.Yield(invocation.request(), WampCodec.dict(), TestClient.args("hi"), null));
            assertEquals(call, caller.receiveCounted(Result.class).request());
            callee.register("com.example.more");

            assertEquals(2, scrape().value("disco_signal_joins_refused_total{reason=\"draining\"}"));
            caller.leave();
            callee.leave();
            awaitSessions(0);
            assertTrue(get("/drain").body().contains("\"done\":true"), get("/drain").body());
        }
    }

    @Test
    void livenessFailsOnceTheListenerIsGone() throws Exception {
        assertEquals(200, get("/healthz").statusCode());
        router.server.stop();
        HttpResponse<String> health = get("/healthz");
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("signal-listener"), health.body());
    }

    private static void assertCallErrors(Scrape scrape, int calleeError, int noSuchProcedure, int canceled,
                                         int timeout) {
        assertEquals(calleeError, scrape.value("disco_signal_call_errors_total{kind=\"callee_error\"}"));
        assertEquals(noSuchProcedure, scrape.value("disco_signal_call_errors_total{kind=\"no_such_procedure\"}"));
        assertEquals(canceled, scrape.value("disco_signal_call_errors_total{kind=\"canceled\"}"));
        assertEquals(timeout, scrape.value("disco_signal_call_errors_total{kind=\"timeout\"}"));
    }

    private void refused(WampMessage first, String reason) throws Exception {
        try (TestClient client = TestClient.connect(router.uri(), WampSerializer.JSON)) {
            client.send(first);
            assertEquals(reason, client.expect(Abort.class).reason());
        }
    }

    private void awaitSessions(int sessions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (router.sessions() != sessions && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(sessions, router.sessions());
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        return new Scrape(metrics.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(opsUri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(opsUri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI opsUri(String path) {
        return URI.create("http://127.0.0.1:" + ops.port() + path);
    }

    /** A joined Java client that tallies the messages, and their serialized bytes, it sends and receives. */
    private static final class Peer implements AutoCloseable {
        final TestClient client;
        long sentMessages;
        long sent;
        long receivedMessages;
        long received;

        private Peer(TestClient client) {
            this.client = client;
        }

        static Peer join(RunningRouter router) throws Exception {
            Peer peer = new Peer(TestClient.connect(router.uri(), WampSerializer.JSON));
            peer.sendCounted(new Hello("main", TestClient.helloDetails(true)));
            peer.receiveCounted(WampMessage.Welcome.class);
            return peer;
        }

        void sendCounted(WampMessage message) {
            sentMessages++;
            sent += bytes(message);
            client.send(message);
        }

        <T extends WampMessage> T receiveCounted(Class<T> type) throws InterruptedException {
            T message = client.expect(type);
            receivedMessages++;
            received += bytes(message);
            return message;
        }

        void expectErrorCounted(long request, String uri) throws InterruptedException {
            WampMessage.Error error = receiveCounted(WampMessage.Error.class);
            assertEquals(request, error.request());
            assertEquals(uri, error.error());
        }

        long register(String procedure) throws InterruptedException {
            sendCounted(new Register(client.nextRequest(), WampCodec.dict(), procedure));
            return receiveCounted(Registered.class).registration();
        }

        long call(String procedure, ObjectNode options) {
            long request = client.nextRequest();
            ArrayNode args = TestClient.args("hi");
            sendCounted(new Call(request, options, procedure, args, null));
            return request;
        }

        void leave() throws InterruptedException {
            sendCounted(new WampMessage.Goodbye(WampCodec.dict(), WampErrors.CLOSE_NORMAL));
            receiveCounted(WampMessage.Goodbye.class);
        }

        /** As the router reads or wrote it: the JSON serializer writes the same text for a message read back. */
        private static long bytes(WampMessage message) {
            return WampSerializer.JSON.encodeText(message).getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public void close() throws Exception {
            client.close();
        }
    }
}
