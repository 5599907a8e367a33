package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two WebRTC peers in headless Chromium use disco as Babble does, from a web page: the callee
 * advertises a group through the discovery API (allowed by --cors-origin) and registers its key on
 * the signaling router; the caller finds the group, calls that key with its offer and gets the
 * answer. Their only ICE server is disco's TURN server, relay candidates only, so the data
 * channel between them must run through two relay allocations. src/test/browser/relay-flow.js
 * drives Chromium (/usr/bin/chromium, installed by make test-tools) with Playwright and prints
 * what each peer saw; this class serves the page, runs disco and checks those lines.
 *
 * Everything stays on loopback. The relay advertises 127.0.0.2 and binds there, so its
 * addresses cannot be mistaken for the browser's own sockets, and --allow-loopback-peers lets
 * the two relay allocations send to each other.
 */
final class ChromiumPeers implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";
    private static final Path PROJECT = Path.of("src", "test", "browser").toAbsolutePath();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String RELAY_ADDRESS = "127.0.0.2";
    // Above Linux's ephemeral ports (32768-60999), so no socket of the browser's lands here.
    private static final int MIN_RELAY_PORT = 61000;
    private static final int MAX_RELAY_PORT = 61199;

    private static final Pattern FACT = Pattern.compile("^(callee|caller) ([a-z ]+): (.*)$", Pattern.MULTILINE);
    private static final Pattern CANDIDATE = Pattern.compile("(\\w+) ([\\d.]+):(\\d+)");
    private static final Pattern PAIR = Pattern.compile("local " + CANDIDATE + " from (\\S+), remote " + CANDIDATE);
    private static final Pattern KEY = Pattern.compile("0X04[0-9A-F]{128}");

    private final HttpServer page;
    private final ServiceProcess disco;
    final String apiUrl;
    final String signalUrl;
    /** The ports of the relay's UDP (and TCP) listener and of its TLS listener. */
    final int turnPort;
    final int turnTlsPort;

    private ChromiumPeers(HttpServer page, ServiceProcess disco) throws InterruptedException {
        this.page = page;
        this.disco = disco;
        Matcher turn = disco.awaitLine(StartedLines.TURN);
        turnPort = Integer.parseInt(turn.group(1));
        turnTlsPort = Integer.parseInt(turn.group(2));
        apiUrl = "https://" + LOOPBACK + ":" + disco.awaitLine(StartedLines.API).group(1);
        signalUrl = "wss://" + LOOPBACK + ":" + disco.awaitLine(StartedLines.SIGNAL).group(1) + "/";
    }

    /**
     * Serves the page and starts disco.jar in {@code workingDir}, its relay on {@code icePort} (0:
     * any), with {@code flags} beside the relay's and the page's.
     */
    static ChromiumPeers start(Path workingDir, int icePort, String... flags) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM),
                "Chromium is not installed at " + CHROMIUM
                        + ": `make test-tools` installs it (apt-get install -y chromium)");
        if (!Files.isDirectory(PROJECT.resolve("node_modules/playwright-core"))
                || !Files.isDirectory(PROJECT.resolve("node_modules/autobahn-browser"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(PROJECT.toFile()).redirectErrorStream(true).start();
            String output = read(npm);
            assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm ci did not finish");
            assertEquals(0, npm.exitValue(), "npm ci failed (node and npm must be installed):\n" + output);
        }
        HttpServer page = servePage();
        // The page's origin must be known before disco starts, to be the one origin it allows.
        String origin = "http://" + LOOPBACK + ":" + page.getAddress().getPort();
        List<String> command = new ArrayList<>(List.of(
                "--disco-host", LOOPBACK, "--disco-port", "0", "--signal-host", LOOPBACK, "--signal-port", "0",
                "--ice-port", String.valueOf(icePort), "--ice-tls-port", "0",
                "--address", RELAY_ADDRESS, "--relay-bind", RELAY_ADDRESS, "--allow-loopback-peers",
                "--min-port", String.valueOf(MIN_RELAY_PORT), "--max-port", String.valueOf(MAX_RELAY_PORT),
                "--cors-origin", origin,
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        command.addAll(List.of(flags));
        ServiceProcess disco = null;
        try {
            disco = ServiceProcess.startIn(workingDir, DiscoMain.class, command.toArray(String[]::new));
            return new ChromiumPeers(page, disco);
        } catch (Exception | AssertionError e) {
            if (disco != null) {
                disco.close();
            }
            page.stop(0);
            throw e;
        }
    }

    /** A port free for both the relay's UDP and TCP listeners, when it must be known before disco starts. */
    static int freeIcePort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0);
                 ServerSocket tcp = new ServerSocket(udp.getLocalPort())) {
                return tcp.getLocalPort();
            } catch (BindException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }

    /** Runs relay-flow.js once with {@code options} besides the page, disco's URLs and the browser's. */
    Run run(int openTimeoutMs, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "relay-flow.js",
                "--page", "http://" + LOOPBACK + ":" + page.getAddress().getPort() + "/index.html",
                "--api", apiUrl, "--signal", signalUrl, "--cert", TestTls.certFile().toString(),
                "--open-timeout-ms", String.valueOf(openTimeoutMs), "--chromium", CHROMIUM.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the browser run did not finish within 60 s:\n" + output.get(10, TimeUnit.SECONDS));
        }
        String text = output.get(10, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), "the browser run broke:\n" + text + "\ndisco:\n" + disco.output());
        return new Run(text);
    }

    /**
     * The peers found each other and talked through two of disco's relay allocations, each made
     * through one of {@code turnUrls}, and what each sent the other got intact.
     */
    static void assertTalkedThroughTheRelay(Run run, List<String> turnUrls) {
        String calleeKey = run.fact("callee key");
        String callerKey = run.fact("caller key");
        assertTrue(KEY.matcher(calleeKey).matches() && KEY.matcher(callerKey).matches(), "keys as Babble's:\n" + run);
        assertEquals(calleeKey, run.fact("caller peer key"), "the caller calls the key the group advertised");
        assertEquals(callerKey, run.fact("callee peer key"), "the callee hears the caller's key with the offer");
        assertEquals(run.fact("callee group"), run.fact("caller group"), "both peers are in one group");

        for (String role : List.of("callee", "caller")) {
            for (String candidate : run.fact(role + " candidates").split(", ")) {
                Matcher relay = CANDIDATE.matcher(candidate);
                assertTrue(relay.matches(), role + "'s description holds no relay candidate:\n" + run);
                assertRelayedByDisco(role + "'s candidate", relay.group(1), relay.group(2), relay.group(3));
            }
            assertFalse(run.has(role + " not connected"),
                    "the " + role + " did not connect through the relay:\n" + run);
        }

        Matcher callee = run.pair("callee");
        Matcher caller = run.pair("caller");
        for (Matcher pair : List.of(callee, caller)) {
            assertRelayedByDisco("local end of the selected pair", pair.group(1), pair.group(2), pair.group(3));
            assertTrue(turnUrls.contains(pair.group(4)),
                    "the local relay candidate comes from disco's TURN server, one of " + turnUrls + ":\n" + run);
            assertRelayedByDisco("remote end of the selected pair", pair.group(5), pair.group(6), pair.group(7));
        }
        assertEquals(callee.group(3), caller.group(7), "the callee's relay is the caller's remote end:\n" + run);
        assertEquals(caller.group(3), callee.group(7), "the caller's relay is the callee's remote end:\n" + run);

        // Digests (kind:bytes:SHA-256) of what one side sent and the other received, in order.
        List<String> callerSent = List.of(run.fact("caller sent").split(" "));
        List<String> calleeSent = List.of(run.fact("callee sent").split(" "));
        assertEquals(3, callerSent.size(), run.toString());
        assertEquals(3, calleeSent.size(), run.toString());
        assertEquals(callerSent, List.of(run.fact("callee received").split(" ")), "caller to callee, intact");
        assertEquals(calleeSent, List.of(run.fact("caller received").split(" ")), "callee to caller, intact");
    }

    private static void assertRelayedByDisco(String what, String type, String address, String port) {
        assertEquals("relay", type, what + " must be a relay candidate");
        assertEquals(RELAY_ADDRESS, address, what + " must be at disco's relay address");
        int number = Integer.parseInt(port);
        assertTrue(number >= MIN_RELAY_PORT && number <= MAX_RELAY_PORT,
                what + " must be on a relay port of disco's: " + port);
    }

    @Override
    public void close() throws Exception {
        try {
            disco.close();
        } finally {
            page.stop(0);
        }
    }

    /** relay-flow.js's output, whose "ROLE FACT: VALUE" lines are looked up by "ROLE FACT". */
    record Run(String output) {

        List<String> all(String name) {
            return FACT.matcher(output).results().filter(m -> (m.group(1) + " " + m.group(2)).equals(name))
                    .map(m -> m.group(3)).toList();
        }

        boolean has(String name) {
            return !all(name).isEmpty();
        }

        String fact(String name) {
            List<String> values = all(name);
            assertEquals(1, values.size(), "expected one '" + name + "' line in:\n" + output);
            return values.get(0);
        }

        Matcher pair(String role) {
            String line = fact(role + " selected pair");
            Matcher pair = PAIR.matcher(line);
            assertTrue(pair.matches(), role + "'s selected pair: " + line);
            return pair;
        }

        @Override
        public String toString() {
            return output;
        }
    }

    /** The page, autobahn.min.js from npm, and nothing else. */
    private static HttpServer servePage() throws IOException {
        Map<String, Path> files = Map.of(
                "/index.html", PROJECT.resolve("page/index.html"),
                "/peer.js", PROJECT.resolve("page/peer.js"),
                "/autobahn.min.js", PROJECT.resolve("node_modules/autobahn-browser/autobahn.min.js"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Path file = files.get(exchange.getRequestURI().getPath());
                if (file == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                String type = file.toString().endsWith(".html") ? "text/html" : "text/javascript";
                exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
