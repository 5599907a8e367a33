package io.disco.all.ops;

import io.disco.all.DiscoMain;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * disco.jar in a JVM of its own, as operators run it, with its metrics listener on a free
 * loopback port: every service on loopback, groups in memory, the relay's long-term user
 * {@link #TURN_USER} and loopback peers allowed, so that a test can relay to a peer of its own.
 */
final class DiscoWithMetrics implements AutoCloseable {

    static final String TURN_USER = "metrics";
    static final String TURN_PASSWORD = "metrics-password";

    private static final Pattern API_STARTED = Pattern.compile("Started discovery API on https://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SIGNAL_STARTED =
            Pattern.compile("Started signaling router on wss://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern TURN_STARTED = Pattern.compile("Started TURN server on udp/(\\d+),");
    private static final Pattern METRICS_STARTED =
            Pattern.compile("Started metrics listener on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    private final ServiceProcess process;
    private final int apiPort;
    private final int signalPort;
    private final int turnPort;
    private final int metricsPort;

    private DiscoWithMetrics(ServiceProcess process) throws InterruptedException {
        this.process = process;
        this.turnPort = Integer.parseInt(process.awaitLine(TURN_STARTED).group(1));
        this.apiPort = Integer.parseInt(process.awaitLine(API_STARTED).group(1));
        this.signalPort = Integer.parseInt(process.awaitLine(SIGNAL_STARTED).group(1));
        this.metricsPort = Integer.parseInt(process.awaitLine(METRICS_STARTED).group(1));
    }

    static DiscoWithMetrics start(Path workingDir) throws Exception {
        ServiceProcess process = ServiceProcess.startIn(workingDir, DiscoMain.class,
                "--metrics-port", "0", "--store", "memory",
                "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--signal-host", "127.0.0.1", "--signal-port", "0", "--ice-port", "0", "--ice-tls-port", "0",
                "--address", "127.0.0.1", "--relay-bind", "127.0.0.1", "--allow-loopback-peers",
                "--ice-username", TURN_USER, "--ice-password", TURN_PASSWORD,
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString());
        try {
            return new DiscoWithMetrics(process);
        } catch (AssertionError | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    URI api() {
        return URI.create("https://localhost:" + apiPort);
    }

    URI signal() {
        return URI.create("wss://127.0.0.1:" + signalPort + "/");
    }

    InetSocketAddress turn() {
        return new InetSocketAddress("127.0.0.1", turnPort);
    }

    /** Where Prometheus scrapes it, {@code host:port}. */
    String metricsTarget() {
        return "127.0.0.1:" + metricsPort;
    }

    /** GET /metrics, as Prometheus's text format. */
    String scrape() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + metricsTarget() + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
