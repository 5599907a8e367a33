package io.disco.all.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.all.DiscoMain;
import io.disco.all.StartedLines;
import io.disco.api.ApiMain;
import io.disco.common.discovery.DiscoClient;
import io.disco.common.ice.IceServer;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import io.disco.redis.testing.RedisServer;
import io.disco.turn.TurnMain;
import io.disco.turn.testing.EchoPeer;
import io.disco.turn.testing.ListeningPort;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.ReceivedDataIndication;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TURN servers announcing themselves in one real redis-server ({@code --cluster}), and a discovery
 * API handing out the live ones from it, each service in its own JVM as its jar runs: the order
 * follows the load, a drained relay leaves the answer at once and sends new clients to the other,
 * a killed one is forgotten within three heartbeats, and with Redis away the relays relay on while
 * the API falls back to its {@code --ice-url}. disco.jar's one {@code --cluster} does both.
 */
class TurnFleetTest {

    private static final String SECRET = "secret-of-the-fleet";
    private static final String STATIC_URL = "turn:203.0.113.9:3478?transport=udp";
    private static final Pattern TURN_STARTED = Pattern.compile("Started TURN server on udp/(\\d+)");
    private static final Pattern METRICS_STARTED =
            Pattern.compile("Started metrics listener on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private <T extends AutoCloseable> T running(T closeable) {
        running.add(closeable);
        return closeable;
    }

    /** A relay of the fleet, its metrics listener on loopback (which drains it without a token). */
    private record Relay(ServiceProcess process, int port, int metricsPort) implements AutoCloseable {

        String url() {
            return "turn:127.0.0.1:" + port + "?transport=udp";
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", port);
        }

        void drain() throws Exception {
            HttpResponse<String> drained = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/drain"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, drained.statusCode(), drained.body());
        }

        @Override
        public void close() throws Exception {
            process.close();
        }
    }

    private Relay relay(RedisServer redis, Duration heartbeat) throws Exception {
        int port = ListeningPort.freeForUdpAndTcp();
        ServiceProcess process = running(ServiceProcess.start(TurnMain.class, "--cluster", redis.uri(),
                "--cluster-heartbeat", heartbeat.toMillis() + "ms",
                "--ice-url", "turn:127.0.0.1:" + port + "?transport=udp",
                "--ice-port", "" + port, "--address", "127.0.0.1", "--relay-bind", "127.0.0.1",
                "--allow-loopback-peers", "--auth-secret", SECRET, "--metrics-port", "0"));
        assertEquals(port, Integer.parseInt(process.awaitLine(TURN_STARTED).group(1)));
        return new Relay(process, port, Integer.parseInt(process.awaitLine(METRICS_STARTED).group(1)));
    }

    private DiscoClient api(RedisServer redis, Duration heartbeat) throws Exception {
        ServiceProcess api = running(ServiceProcess.start(ApiMain.class, "--cluster", redis.uri(),
                "--cluster-heartbeat", heartbeat.toMillis() + "ms", "--ice-url", STATIC_URL, "--auth-secret", SECRET,
                "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        URI uri = URI.create("https://127.0.0.1:" + api.awaitLine(StartedLines.API).group(1));
        return running(DiscoClient.builder(uri).trustCertificate(TestTls.certFile()).build());
    }

    /** The TURN URLs of GET /ice-servers, in its order. */
    private static List<String> turnUrls(DiscoClient api) {
        return api.iceServers().iceServers().stream().map(IceServer::urls).flatMap(List::stream).toList();
    }

    /** How long it took GET /ice-servers to answer as {@code expected} wants, failing after {@code within}. */
    private static Duration awaitUrls(DiscoClient api, Duration within, Predicate<List<String>> expected,
            String what) throws InterruptedException {
        long start = System.nanoTime();
        List<String> urls = turnUrls(api);
        while (!expected.test(urls)) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(within) < 0, what + " within " + within + "; still " + urls);
            Thread.sleep(20);
            urls = turnUrls(api);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Reply allocate(UdpTurnClient client) throws IOException {
        Reply challenge = client.call(Messages.allocate().encode());
        return client.call(Messages.allocate().credentials("test", challenge.realm(), challenge.nonce(), "test")
                .fingerprint().encode());
    }

    @Test
    void theApiHandsOutTheLiveRelaysLeastLoadedFirst() throws Exception {
        Duration heartbeat = Duration.ofSeconds(2);
        RedisServer redis = running(RedisServer.start("turn-fleet"));
        DiscoClient api = api(redis, heartbeat);
        assertEquals(List.of(STATIC_URL), turnUrls(api), "no relay announced: --ice-url");

        Relay one = running(relay(redis, heartbeat));
        Relay two = running(relay(redis, heartbeat));
        awaitUrls(api, heartbeat.multipliedBy(2), urls -> urls.size() == 2, "both relays");
        List<String> both = turnUrls(api);
        assertTrue(both.containsAll(List.of(one.url(), two.url())), both.toString());
        assertEquals(2, api.iceServers().iceServers().stream().filter(server -> server.credential() != null).count(),
                "each relay its own entry, with the credential");

        Relay first = both.get(0).equals(one.url()) ? one : two;
        Relay second = first == one ? two : one;
        try (UdpTurnClient client = new UdpTurnClient(first.address())) {
            assertTrue(allocate(client).isSuccess());
            awaitUrls(api, heartbeat.multipliedBy(2).plusSeconds(1),
                    urls -> urls.equals(List.of(second.url(), first.url())), "the less loaded first");

            second.drain();
            Duration gone = awaitUrls(api, heartbeat.dividedBy(2), urls -> urls.equals(List.of(first.url())),
                    "the drained relay gone at once, not at the next heartbeat");
            assertTrue(gone.compareTo(heartbeat) < 0, "gone after " + gone);
            try (UdpTurnClient newcomer = new UdpTurnClient(second.address())) {
                Reply redirected = allocate(newcomer);
                assertEquals(300, redirected.code());
                assertEquals(first.address(), redirected.alternateServer());
            }
        }

        first.process().kill();
        // Its key lives three heartbeats past its last one; the API reads every heartbeat.
        awaitUrls(api, heartbeat.multipliedBy(4).plusSeconds(1), urls -> urls.equals(List.of(STATIC_URL)),
                "the killed relay forgotten; the drained one not handed out: --ice-url");
        // The drained relay reads the fleet every heartbeat too. Slowly: a relay answers few
        // unauthenticated requests from one address a second.
        long deadline = System.nanoTime() + heartbeat.multipliedBy(2).toNanos();
        int code;
        do {
            Thread.sleep(250);
            try (UdpTurnClient newcomer = new UdpTurnClient(second.address())) {
                code = allocate(newcomer).code();
            }
        } while (code != 403 && System.nanoTime() < deadline);
        assertEquals(403, code, "no live relay to send a new client to");
    }

    @Test
    void withRedisAwayTheRelaysRelayOnAndTheApiFallsBackToItsIceUrls() throws Exception {
        Duration heartbeat = Duration.ofSeconds(1);
        RedisServer redis = running(RedisServer.start("turn-fleet-outage"));
        DiscoClient api = api(redis, heartbeat);
        Relay relay = running(relay(redis, heartbeat));
        awaitUrls(api, heartbeat.multipliedBy(2), urls -> urls.equals(List.of(relay.url())), "the relay");
        EchoPeer peer = running(new EchoPeer());
        UdpTurnClient client = running(new UdpTurnClient(relay.address()));
        Reply challenge = client.call(Messages.allocate().encode());
        assertTrue(client.call(signed(Messages.allocate(), challenge)).isSuccess());
        assertTrue(client.call(signed(Messages.createPermission(peer.address()), challenge)).isSuccess());

        redis.stop();
        relay.process().awaitLine(Pattern.compile("Lost Redis at .*this TURN server relays on but is not announced"));
        client.send(Messages.send(peer.address(), "relayed without Redis".getBytes()));
        assertArrayEquals("relayed without Redis".getBytes(), ReceivedDataIndication.decode(client.receive()).data());
        try (UdpTurnClient newcomer = new UdpTurnClient(relay.address())) {
            assertTrue(allocate(newcomer).isSuccess(), "allocating needs no Redis");
        }
        awaitUrls(api, heartbeat.multipliedBy(4).plusSeconds(1), urls -> urls.equals(List.of(STATIC_URL)),
                "a fleet view older than three heartbeats counts for nothing");

        redis.start();
        relay.process().awaitLine(Pattern.compile("Redis at .* is back: this TURN server is announced again"));
        awaitUrls(api, heartbeat.multipliedBy(3).plusSeconds(1), urls -> urls.equals(List.of(relay.url())),
                "the fleet view back with Redis");
        assertEquals(1, relay.process().output().lines().filter(line -> line.contains("is not announced")).count(),
                "one line per outage:\n" + relay.process().output());
    }

    @Test
    void discoJarsOneClusterFlagAnnouncesItsRelayAndReadsTheFleetForItsApi() throws Exception {
        Duration heartbeat = Duration.ofSeconds(1);
        RedisServer redis = running(RedisServer.start("turn-fleet-disco"));
        int port = ListeningPort.freeForUdpAndTcp();
        String url = "turn:127.0.0.1:" + port + "?transport=udp";
        ServiceProcess disco = running(ServiceProcess.start(DiscoMain.class, "--cluster", redis.uri(),
                "--cluster-heartbeat", heartbeat.toMillis() + "ms", "--ice-url", url, "--auth-secret", SECRET,
                "--store", "memory", "--disco-host", "127.0.0.1", "--disco-port", "0", "--signal-host", "127.0.0.1",
                "--signal-port", "0", "--ice-port", "" + port, "--ice-tls-port", "0", "--address", "127.0.0.1",
                "--relay-bind", "127.0.0.1",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        URI uri = URI.create("https://127.0.0.1:" + disco.awaitLine(StartedLines.API).group(1));
        DiscoClient api = running(DiscoClient.builder(uri).trustCertificate(TestTls.certFile()).build());
        Relay other = running(relay(redis, heartbeat));
        awaitUrls(api, heartbeat.multipliedBy(3), urls -> urls.size() == 2 && urls.containsAll(List.of(url, other.url())),
                "disco.jar's relay and the other, from disco.jar's API");
    }

    private static byte[] signed(Messages request, Reply challenge) {
        return request.credentials("test", challenge.realm(), challenge.nonce(), "test").fingerprint().encode();
    }
}
