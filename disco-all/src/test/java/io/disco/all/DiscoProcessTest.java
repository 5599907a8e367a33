package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.tls.ClientTrust;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one program as an operator runs it: a separate JVM, stopped with SIGTERM (sent
 * through the process handle: Process.destroy() would also close our end of its output).
 */
class DiscoProcessTest {

    /** Where each run keeps its default store, as an operator's working directory would. */
    @TempDir
    Path workingDir;

    private static final Pattern API_STARTED = Pattern.compile("Started discovery API on https://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SIGNAL_STARTED =
            Pattern.compile("Started signaling router on wss://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern TURN_STARTED =
            Pattern.compile("Started TURN server on udp/(\\d+), tcp/\\d+, tls/(\\d+)");

    @Test
    void servesTheApiAndStopsCleanlyOnSigterm() throws Exception {
        try (ServiceProcess disco = ServiceProcess.startIn(workingDir, DiscoMain.class,
                "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--signal-host", "127.0.0.1", "--signal-port", "0", "--ice-port", "0", "--ice-tls-port", "0",
                "--address", "127.0.0.1",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString(),
                "--ttl", "90s", "--ttl-hearbeat=5s")) {
            int port = Integer.parseInt(disco.awaitLine(API_STARTED).group(1));
            int signalPort = Integer.parseInt(disco.awaitLine(SIGNAL_STARTED).group(1));
            Matcher turn = disco.awaitLine(TURN_STARTED);
            int turnPort = Integer.parseInt(turn.group(1));
            int turnTlsPort = Integer.parseInt(turn.group(2));
            try (DatagramSocket stun = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                assertEquals(stun.getLocalPort(), StunBinding.mappedPort(stun, turnPort),
                        "the TURN server's Binding answer names the asking socket");
            }
            // TURN over TLS serves the certificate the other services load.
            try (SSLSocket tls = (SSLSocket) ClientTrust.certificate(TestTls.certFile()).sslContext().getSocketFactory()
                    .createSocket("localhost", turnTlsPort)) {
                tls.startHandshake();
                assertTrue(tls.getSession().isValid());
            }
            try (DiscoClient client = DiscoClient.builder(URI.create("https://localhost:" + port))
                    .trustCertificate(TestTls.certFile()).build()) {
                String id = client.createGroup(Group.of("g", "app", List.of())).value();
                assertEquals("app", client.getGroup(id).appId());
            }

            try (TestClient peer = TestClient.connect(URI.create("wss://127.0.0.1:" + signalPort + "/"),
                    WampSerializer.JSON)) {
                peer.join("main");
                disco.terminate();
                // On SIGTERM every session hears GOODBYE before its connection closes.
                assertEquals("wamp.close.system_shutdown", peer.expect(WampMessage.Goodbye.class).reason());
            }
            assertTrue(disco.waitFor(20), "did not stop within 20 s: " + disco.output());
            disco.awaitLine(Pattern.compile("Stopped$"));
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
            assertEquals(143, disco.exitValue(), disco.output());
        }
    }

    @Test
    void aServiceSwitchedOffDoesNotStart() throws Exception {
        try (ServiceProcess disco = ServiceProcess.startIn(workingDir, DiscoMain.class, "--no-signal", "--no-turn",
                "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString())) {
            disco.awaitLine(API_STARTED);
            disco.terminate();
            // "Stopped" comes only from the shutdown hook set once every service has started, so
            // by then the output holds every "Started" line there will be.
            disco.awaitLine(Pattern.compile("Stopped$"));
            assertEquals(1, disco.output().lines().filter(line -> line.contains(" Started ")).count(),
                    disco.output());
        }
    }
}
