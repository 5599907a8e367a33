package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.testing.TestTls;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The all-in-one program as an operator runs it: a separate JVM, stopped with SIGTERM (sent
 * through the process handle: Process.destroy() would also close our end of its output).
 */
class DiscoProcessTest {

    private static final Pattern API_STARTED = Pattern.compile("Started discovery API on https://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SIGNAL_STARTED =
            Pattern.compile("Started signaling router on wss://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern TURN_STARTED = Pattern.compile("Started TURN server on udp/(\\d+)");

    @Test
    void servesTheApiAndStopsCleanlyOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The production logging configuration, not the tests' quiet one: the test reads the INFO lines.
        Path logging = Path.of(DiscoMain.class.getResource("/logback.xml").toURI());
        List<String> command = List.of(java.toString(), "-Dlogback.configurationFile=" + logging,
                "-cp", System.getProperty("java.class.path"),
                DiscoMain.class.getName(), "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--signal-host", "127.0.0.1", "--signal-port", "0", "--ice-port", "0", "--address", "127.0.0.1",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString(),
                "--ttl", "90s", "--ttl-hearbeat=5s");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(process, lines), "disco-output");
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            int port = Integer.parseInt(awaitLine(lines, API_STARTED, seen).group(1));
            int signalPort = Integer.parseInt(awaitLine(lines, SIGNAL_STARTED, seen).group(1));
            int turnPort = Integer.parseInt(awaitLine(lines, TURN_STARTED, seen).group(1));
            try (DatagramSocket stun = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                assertEquals(stun.getLocalPort(), StunBinding.mappedPort(stun, turnPort),
                        "the TURN server's Binding answer names the asking socket");
            }
            try (DiscoClient disco = DiscoClient.builder(URI.create("https://localhost:" + port))
                    .trustCertificate(TestTls.certFile()).build()) {
                String id = disco.createGroup(Group.of("g", "app", List.of())).value();
                assertEquals("app", disco.getGroup(id).appId());
            }

            try (TestClient peer = TestClient.connect(URI.create("wss://127.0.0.1:" + signalPort + "/"),
                    WampSerializer.JSON)) {
                peer.join("main");
                process.toHandle().destroy();
                // On SIGTERM every session hears GOODBYE before its connection closes.
                assertEquals("wamp.close.system_shutdown", peer.expect(WampMessage.Goodbye.class).reason());
            }
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "did not stop within 20 s: " + seen);
            awaitLine(lines, Pattern.compile("Stopped$"), seen);
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
            assertEquals(143, process.exitValue(), String.join("\n", seen));
        } finally {
            process.destroyForcibly();
            reader.join(5_000);
        }
    }

    private static Matcher awaitLine(BlockingQueue<String> lines, Pattern pattern, List<String> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
        throw new AssertionError("no line matching " + pattern + " in:\n" + String.join("\n", seen));
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output ended: " + e + ")");
        }
    }
}
