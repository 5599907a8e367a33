package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.disco.common.testing.MutableClock;
import io.disco.ops.Operations;
import io.disco.ops.OpsConfig;
import io.disco.ops.OpsListener;
import io.disco.turn.auth.Nonces;
import io.disco.turn.testing.EchoPeer;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.ReceivedDataIndication;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * What operators see of a TURN server, over its real UDP port and the real metrics listener: the
 * counts on {@code /metrics} after real allocations and relayed packets, the drain, liveness and
 * the audit lines.
 */
class TurnOperationsTest {

    private static final InetSocketAddress ALTERNATE = new InetSocketAddress("192.0.2.7", 3478);

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final Logger audit = (Logger) LoggerFactory.getLogger("disco.audit");
    private final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private TurnServer server;
    private OpsListener ops;
    private EchoPeer echo;
    private InetSocketAddress serverAddress;

    private void start(TurnConfig.Draining draining) throws Exception {
        TurnConfig base = TestConfigs.onFreePorts(null);
        TurnConfig config = new TurnConfig(base.listeners(), base.auth(), base.relay(), base.peers(), base.limits(),
                base.apps(), draining);
        Operations operations = new Operations();
        server = new TurnServer(config, new TurnContext(clock, Optional.empty(), operations));
        server.start();
        serverAddress = new InetSocketAddress("127.0.0.1", server.port());
        ops = new OpsListener(new OpsConfig(InetAddress.getLoopbackAddress(), OptionalInt.of(0), Duration.ofSeconds(5),
                Optional.empty()), operations);
        ops.start();
        echo = new EchoPeer();
        auditLines.start();
        audit.addAppender(auditLines);
        // The tests' root level is WARN.
        audit.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() throws Exception {
        audit.detachAppender(auditLines);
        audit.setLevel(null);
        if (ops != null) {
            ops.stop();
        }
        if (server != null) {
            server.stop();
        }
        if (echo != null) {
            echo.close();
        }
    }

    /** A client with an allocation, a permission for the echo peer and the nonce it signs with. */
    private record Allocated(UdpTurnClient client, String nonce, InetSocketAddress relayed) implements AutoCloseable {
        Reply call(Messages request) throws IOException {
            return client.call(request.credentials("test", TestConfigs.REALM, nonce, "test").fingerprint().encode());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private Allocated allocate() throws IOException {
        UdpTurnClient client = new UdpTurnClient(serverAddress);
        String nonce = client.call(Messages.allocate().encode()).nonce();
        Allocated allocated = new Allocated(client, nonce, null);
        Reply reply = allocated.call(Messages.allocate());
        assertTrue(reply.isSuccess(), () -> "code " + reply.code());
        assertTrue(allocated.call(Messages.createPermission(echo.address())).isSuccess());
        return new Allocated(client, nonce, reply.relayed());
    }

    /** What a new client is answered when it asks for an allocation, as a client does: unsigned, then signed. */
    private Reply allocateAnew() throws IOException {
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            String nonce = client.call(Messages.allocate().encode()).nonce();
            return client.call(Messages.allocate().credentials("test", TestConfigs.REALM, nonce, "test").fingerprint()
                    .encode());
        }
    }

    /** Sends {@code data} to the echo peer in a Send indication and waits for it to come back. */
    private void relay(Allocated allocated, byte[] data) throws Exception {
        allocated.client().send(Messages.send(echo.address(), data));
        assertArrayEquals(data, ReceivedDataIndication.decode(allocated.client().receive()).data());
    }

    /** Sends {@code data} to the echo peer over channel {@code channel} and waits for it to come back. */
    private static void relayOverChannel(Allocated allocated, int channel, byte[] data) throws IOException {
        allocated.client().send(ByteBuffer.allocate(4 + data.length).putShort((short) channel)
                .putShort((short) data.length).put(data).array());
        byte[] frame = allocated.client().receive();
        assertArrayEquals(data, Arrays.copyOfRange(frame, 4, 4 + data.length));
    }

    @Test
    void allocationsRequestsAndRelayedTrafficAreCountedExactly() throws Exception {
        start(TurnConfig.Draining.REFUSE);
        try (UdpTurnClient stun = new UdpTurnClient(serverAddress)) {
            assertTrue(stun.call(Messages.binding().encode()).isSuccess());
            assertTrue(stun.call(Messages.binding().encode()).isSuccess());
        }
        try (Allocated allocated = allocate()) {
            for (int i = 0; i < 5; i++) {
                relay(allocated, new byte[10]);
            }
            assertTrue(allocated.call(Messages.channelBind(0x4001, echo.address())).isSuccess());
            for (int i = 0; i < 3; i++) {
                relayOverChannel(allocated, 0x4001, new byte[7]);
            }
            // A peer the built-in rules deny, whatever the flags: "this network".
            assertEquals(403, allocated.call(Messages.createPermission(new InetSocketAddress("0.0.0.1", 9))).code());

            String scrape = scrape();
            assertEquals(1, sample(scrape, "disco_turn_allocations", "transport", "udp"));
            assertEquals(0, sample(scrape, "disco_turn_allocations", "transport", "tcp"));
            assertEquals(1, sample(scrape, "disco_turn_allocations_granted_total"));
            assertEquals(1, sample(scrape, "disco_turn_permissions"));
            assertEquals(1, sample(scrape, "disco_turn_channels"));
            assertEquals(8, sample(scrape, "disco_turn_relayed_packets_total", "direction", "to_peer"));
            assertEquals(8, sample(scrape, "disco_turn_relayed_packets_total", "direction", "to_client"));
            assertEquals(5 * 10 + 3 * 7, sample(scrape, "disco_turn_relayed_bytes_total", "direction", "to_peer"));
            assertEquals(5 * 10 + 3 * 7, sample(scrape, "disco_turn_relayed_bytes_total", "direction", "to_client"));
            assertEquals(1, sample(scrape, "disco_turn_peer_denials_total"));
            assertEquals(2, sample(scrape, "disco_turn_binding_requests_total"));
            assertEquals(1, sample(scrape, "disco_turn_unauthorized_total"), "the first Allocate's challenge");

            assertTrue(allocated.call(Messages.refresh(0)).isSuccess());
        }
        String ended = scrape();
        assertEquals(0, sample(ended, "disco_turn_allocations", "transport", "udp"));
        assertEquals(8, sample(ended, "disco_turn_relayed_packets_total", "direction", "to_peer"),
                "an ended allocation's traffic stays counted");
        assertEquals(5 * 10 + 3 * 7, sample(ended, "disco_turn_relayed_bytes_total", "direction", "to_client"));
        assertEquals(0, sample(ended, "disco_turn_permissions"));
    }

    @Test
    void refusalsAreCountedByReason() throws Exception {
        start(TurnConfig.Draining.REFUSE);
        try (UdpTurnClient client = new UdpTurnClient(serverAddress)) {
            String nonce = client.call(Messages.allocate().encode()).nonce();
            Reply wrong = client.call(Messages.allocate().credentials("test", TestConfigs.REALM, nonce, "wrong")
                    .fingerprint().encode());
            assertEquals(401, wrong.code());

            clock.advance(Nonces.DEFAULT_LIFETIME.plusSeconds(1));
            Reply stale = client.call(Messages.allocate().credentials("test", TestConfigs.REALM, nonce, "test")
                    .fingerprint().encode());
            assertEquals(438, stale.code());
        }
        String scrape = scrape();
        assertEquals(1, sample(scrape, "disco_turn_allocations_refused_total", "reason", "auth"));
        assertEquals(0, sample(scrape, "disco_turn_allocations_refused_total", "reason", "quota"));
        assertEquals(2, sample(scrape, "disco_turn_unauthorized_total"), "the challenge and the wrong password");
        assertEquals(1, sample(scrape, "disco_turn_nonce_expiries_total"));
        assertEquals(0, sample(scrape, "disco_turn_allocations_granted_total"));
    }

    @Test
    void aDrainingServerSendsNewClientsToTheAlternateAndKeepsRelayingForItsOwn() throws Exception {
        start(new TurnConfig.Draining(Optional.of(ALTERNATE)));
        try (Allocated existing = allocate()) {
            assertEquals(200, get("/readyz").statusCode());

            HttpResponse<String> drained = http.send(HttpRequest.newBuilder(opsUri("/drain"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, drained.statusCode());
            assertTrue(drained.body().contains("\"allocations\":1"), drained.body());
            assertEquals(503, get("/readyz").statusCode());
            assertEquals(200, get("/healthz").statusCode(), "draining is not dying");

            Reply redirected = allocateAnew();
            assertEquals(300, redirected.code());
            assertEquals(ALTERNATE, redirected.alternateServer());
            assertTrue(redirected.hasIntegrity(), "the answer to an authenticated request is signed");

            relay(existing, "still relayed".getBytes());
            assertTrue(existing.call(Messages.refresh()).isSuccess());
            assertTrue(existing.call(Messages.channelBind(0x4002, echo.address())).isSuccess());
            relayOverChannel(existing, 0x4002, "over a new channel".getBytes());
            assertEquals(1, sample(scrape(), "disco_turn_allocations_refused_total", "reason", "draining"));
            assertTrue(get("/drain").body().contains("\"done\":false"));

            assertTrue(existing.call(Messages.refresh(0)).isSuccess());
        }
        assertTrue(get("/drain").body().contains("\"done\":true"), get("/drain").body());
    }

    @Test
    void withoutAnAlternateServerADrainingServerRefusesNewAllocations() throws Exception {
        start(TurnConfig.Draining.REFUSE);
        assertEquals(202, http.send(HttpRequest.newBuilder(opsUri("/drain")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        Reply refused = allocateAnew();
        assertEquals(403, refused.code());
        assertEquals(null, refused.alternateServer());
        assertEquals(0, server.allocations().size());
    }

    @Test
    void theServerIsAliveWhileItsListenersAreOpen() throws Exception {
        start(TurnConfig.Draining.REFUSE);
        assertEquals(200, get("/healthz").statusCode());
        server.stop();
        HttpResponse<String> dead = get("/healthz");
        assertEquals(503, dead.statusCode());
        assertTrue(dead.body().contains("turn-listeners"), dead.body());
    }

    @Test
    void eachAllocationIsAuditedWhenCreatedRefreshedAndEnded() throws Exception {
        start(TurnConfig.Draining.REFUSE);
        String client;
        int relayPort;
        try (Allocated allocated = allocate()) {
            client = "127.0.0.1:" + allocated.client().localAddress().getPort();
            relayPort = allocated.relayed().getPort();
            relay(allocated, new byte[100]);
            relay(allocated, new byte[20]);
            clock.advance(Duration.ofSeconds(90));
            assertTrue(allocated.call(Messages.refresh(1200)).isSuccess());
            clock.advance(Duration.ofSeconds(30));
            assertTrue(allocated.call(Messages.refresh(0)).isSuccess());
        }
        String who = "client=" + client + ", relay_port=" + relayPort + ", transport=udp, username=test";
        assertEquals(List.of(
                "TURN allocation created {" + who + ", lifetime_seconds=600}",
                "TURN allocation refreshed {" + who + ", lifetime_seconds=1200}",
                "TURN allocation ended {" + who + ", bytes_to_peer=120, bytes_to_client=120, duration_seconds=120}"),
                auditLines.list.stream().map(TurnOperationsTest::withFields).toList());
    }

    /** The message, then the event's key-value pairs: those naming the allocation sorted, the rest in order. */
    private static String withFields(ILoggingEvent event) {
        Map<String, Object> who = new TreeMap<>();
        StringBuilder rest = new StringBuilder();
        for (KeyValuePair pair : event.getKeyValuePairs()) {
            if (List.of("client", "relay_port", "transport", "username").contains(pair.key)) {
                who.put(pair.key, pair.value);
            } else {
                rest.append(", ").append(pair.key).append('=').append(pair.value);
            }
        }
        return event.getFormattedMessage() + " " + who.entrySet().stream().map(Map.Entry::toString)
                .collect(Collectors.joining(", ", "{", "")) + rest + "}";
    }

    private URI opsUri(String path) {
        return URI.create("http://127.0.0.1:" + ops.port() + path);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(opsUri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        return metrics.body();
    }

    /** The value of the sample {@code name} with the one label given, or none; fails when there is no such sample. */
    private static double sample(String scrape, String name, String... label) {
        String series = label.length == 0 ? name : name + "{" + label[0] + "=\"" + label[1] + "\"}";
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + scrape.lines()
                        .filter(line -> line.startsWith("disco_turn")).collect(Collectors.joining("\n"))));
    }
}
