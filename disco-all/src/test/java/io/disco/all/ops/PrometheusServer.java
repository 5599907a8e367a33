package io.disco.all.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus, run by a test as a process of its own: on a free loopback port, with its
 * own configuration and data directory, scraping one target every second. Never the system's
 * service, which the package may have started.
 */
final class PrometheusServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final String JOB = "disco";

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts scraping {@code target} ({@code host:port}) under job {@value #JOB}, and waits until it is ready. */
    static PrometheusServer scraping(String target, Path dir) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: install prometheus (make test-tools)");
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(JOB, target));
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer prometheus = new PrometheusServer(process, log, port);
        try {
            prometheus.awaitReady();
            return prometheus;
        } catch (Exception | AssertionError e) {
            prometheus.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // it is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready within 30 s:\n" + log());
    }

    /**
     * Waits until Prometheus holds a scrape of its target that began after {@code epochMillis}, so
     * that what was done before is in it.
     */
    void awaitScrapeAfter(long epochMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode result = query("timestamp(up{job=\"" + JOB + "\"} == 1)");
            if (result.size() == 1 && result.get(0).path("value").get(1).asDouble() * 1000 > epochMillis) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no successful scrape after " + epochMillis + " within 30 s:\n" + log());
    }

    /** The one value of an instant query that must give exactly one series. */
    double value(String promql) throws Exception {
        JsonNode result = query(promql);
        if (result.size() != 1) {
            throw new AssertionError(promql + " gave " + result.size() + " series: " + result);
        }
        return result.get(0).path("value").get(1).asDouble();
    }

    /** GET /api/v1/query: the vector an instant query gives; fails on any error Prometheus reports. */
    JsonNode query(String promql) throws Exception {
        HttpResponse<String> answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = DiscoJson.mapper().readTree(answer.body());
        if (answer.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError(promql + ": " + answer.statusCode() + " " + answer.body());
        }
        return body.path("data").path("result");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
