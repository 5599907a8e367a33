package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.ice.TurnRestCredential;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import io.disco.turn.testing.MapAppDirectory;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * coturn's own test clients (Debian package coturn; {@code make test} installs it) against
 * disco-turn run as operators run it, in a JVM of its own with its command line: STUN Binding
 * with turnutils_stunclient, and turnutils_uclient over UDP, TCP and TLS relaying through allocations to
 * turnutils_peer, an echo peer. uclient's exit code means nothing; its totals are read. Registered
 * mode needs the store of apps disco.jar shares, so that server runs in this JVM, with apps in a map.
 */
class CoturnClientsTest {

    private static final Pattern STARTED = Pattern.compile("Started TURN server on udp/(\\d+), tcp/\\d+, tls/(\\d+)");
    private static final Pattern TOTALS = Pattern.compile("tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+)");

    private static ServiceProcess server;
    private static Process peer;
    private static int port;
    private static int tlsPort;
    private static int peerPort;

    @BeforeAll
    static void start() throws Exception {
        server = ServiceProcess.start(TurnMain.class,
                "--ice-port", "0", "--ice-tls-port", "0", "--address", "127.0.0.1", "--relay-bind", "127.0.0.1",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString(),
                "--ice-username", "test", "--ice-password", "test", "--realm", "main", "--allow-loopback-peers");
        Matcher started = server.awaitLine(STARTED);
        port = Integer.parseInt(started.group(1));
        tlsPort = Integer.parseInt(started.group(2));

        peerPort = freeUdpPort();
        peer = new ProcessBuilder("turnutils_peer", "-L", "127.0.0.1", "-p", String.valueOf(peerPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.destroy();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stunclientGetsItsReflexiveAddress() throws Exception {
        String output = run(30, "turnutils_stunclient", "-p", String.valueOf(port), "127.0.0.1");
        assertTrue(output.contains("UDP reflexive addr: 127.0.0.1:"), output);
    }

    @Test
    void uclientRelaysThroughChannelsWithoutLoss() throws Exception {
        assertAllEchoed(4 * 100, uclient("-c", "-u", "test", "-w", "test", "-m", "4", "-n", "100", "-l", "101"));
    }

    @Test
    void uclientRelaysThroughSendAndDataIndicationsWithoutLoss() throws Exception {
        assertAllEchoed(4 * 100, uclient("-s", "-c", "-u", "test", "-w", "test", "-m", "4", "-n", "100", "-l", "101"));
    }

    @Test
    void manyConcurrentClientsWithTheirRtcpAllocationsAreAllServed() throws Exception {
        // Without -c each client also allocates an RTCP relay (EVEN-PORT with a reservation).
        assertAllEchoed(10 * 50, uclient("-u", "test", "-w", "test", "-m", "10", "-n", "50", "-l", "200"));
    }

    @Test
    void uclientRelaysOverTcpWithoutLoss() throws Exception {
        assertAllEchoed(4 * 100, uclient("-t", "-c", "-u", "test", "-w", "test", "-m", "4", "-n", "100", "-l", "101"));
    }

    @Test
    void uclientRelaysOverTcpWithSendIndicationsWithoutLoss() throws Exception {
        assertAllEchoed(4 * 100,
                uclient("-t", "-s", "-c", "-u", "test", "-w", "test", "-m", "4", "-n", "100", "-l", "101"));
    }

    @Test
    void uclientRelaysOverTlsWithoutLoss() throws Exception {
        assertAllEchoed(4 * 100, uclientTo(tlsPort, "-t", "-S", "-c", "-u", "test", "-w", "test", "-m", "4",
                "-n", "100", "-l", "101"));
    }

    @Test
    void aWrongPasswordOverTcpGetsNoAllocation() throws Exception {
        assertAllEchoed(5, uclient("-t", "-c", "-u", "test", "-w", "test", "-m", "1", "-n", "5"));
        // Refused, the client never starts sending (over TCP the server ends the connection after
        // repeated challenges, and uclient says only "recv: Success").
        String output = uclient("-t", "-c", "-u", "test", "-w", "wrong", "-m", "1", "-n", "5");
        assertFalse(output.contains("start_mclient"), output);
    }

    @Test
    void aWrongPasswordGetsNoAllocation() throws Exception {
        // The right one, first, so that the refusal below is the password's doing.
        assertAllEchoed(5, uclient("-c", "-u", "test", "-w", "test", "-m", "1", "-n", "5"));
        String output = uclient("-c", "-u", "test", "-w", "wrong", "-m", "1", "-n", "5");
        assertTrue(output.contains("Cannot complete Allocation"), output);
        assertFalse(output.contains("start_mclient"), output);
    }

    @Test
    void inRegisteredModeARegisteredAppsRestCredentialsRelayAndAnUnknownAppsAreRefused() throws Exception {
        String secret = "s3cret";
        TurnConfig config = new TurnConfig(new TurnConfig.Listeners(0, 0, null),
                new TurnConfig.Auth(TestConfigs.REALM, "test", "test", List.of(secret)),
                new TurnConfig.Relay(InetAddress.getLoopbackAddress(), InetAddress.getLoopbackAddress(), 49152, 65535),
                TestConfigs.LOOPBACK_PEERS, TestConfigs.LIMITS,
                new TurnConfig.Apps(TurnConfig.Apps.Mode.REGISTERED, 10));
        TurnServer registered = new TurnServer(config,
                new TurnContext(Clock.systemUTC(), Optional.of(new MapAppDirectory().register("com.example.chat"))));
        registered.start();
        try {
            long expiry = System.currentTimeMillis() / 1000 + 3600;
            // As the discovery API hands them out: expiry:AppID, and the password made with the shared secret.
            String app = expiry + ":com.example.chat";
            assertAllEchoed(2 * 50, uclientTo(registered.port(), "-c", "-u", app,
                    "-w", TurnRestCredential.password(secret, app), "-m", "2", "-n", "50"));

            String unknown = expiry + ":com.example.other";
            String refused = uclientTo(registered.port(), "-c", "-u", unknown,
                    "-w", TurnRestCredential.password(secret, unknown), "-m", "1", "-n", "5");
            assertTrue(refused.contains("Cannot complete Allocation"), refused);
            assertFalse(refused.contains("start_mclient"), refused);
        } finally {
            registered.stop();
        }
    }

    private static String uclient(String... options) throws Exception {
        return uclientTo(port, options);
    }

    private static String uclientTo(int serverPort, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("turnutils_uclient", "-z", "5", "-e", "127.0.0.1",
                "-r", String.valueOf(peerPort), "-p", String.valueOf(serverPort)));
        command.addAll(List.of(options));
        command.add("127.0.0.1");
        return run(120, command.toArray(String[]::new));
    }

    private static void assertAllEchoed(int messages, String output) {
        long[] totals = lastTotals(output);
        assertEquals(messages, totals[0], "messages sent\n" + output);
        assertEquals(messages, totals[1], "messages echoed back\n" + output);
        Matcher lost = LOST.matcher(output);
        assertTrue(lost.find(), output);
        assertEquals("0", lost.group(1), output);
    }

    /** The totals of all clients, uclient's last line of them. */
    private static long[] lastTotals(String output) {
        Matcher matcher = TOTALS.matcher(output);
        long[] totals = null;
        while (matcher.find()) {
            totals = new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
        }
        if (totals == null) {
            throw new AssertionError("no totals in uclient's output:\n" + output);
        }
        return totals;
    }

    /** Runs a client to its end, killed past {@code seconds}; its output goes through a file so a hung client cannot block the read. */
    private static String run(int seconds, String... command) throws Exception {
        Path output = Files.createTempFile("coturn-client", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError(command[0] + " is missing: install coturn's package (make test-tools)", e);
            }
            boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(finished, command[0] + " did not finish in " + seconds + " s:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
