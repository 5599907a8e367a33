package io.disco.all.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scraping disco.jar every second sees exactly the traffic a test drove through
 * it ({@link KnownTraffic}), asked with PromQL over its HTTP API; the dashboard's queries run in
 * it without error; and deploy/prometheus/prometheus.yml is a configuration Prometheus accepts.
 */
class PrometheusScrapeTest {

    @TempDir
    Path workingDir;

    @TempDir
    Path prometheusDir;

    @Test
    void prometheusSeesTheTrafficDrivenThroughDisco() throws Exception {
        try (DiscoWithMetrics disco = DiscoWithMetrics.start(workingDir);
             PrometheusServer prometheus = PrometheusServer.scraping(disco.metricsTarget(), prometheusDir);
             KnownTraffic ignored = KnownTraffic.drive(disco)) {
            prometheus.awaitScrapeAfter(System.currentTimeMillis());

            Map<String, Double> expected = new LinkedHashMap<>();
            expected.put("disco_api_group_changes_total{change=\"created\"}", (double) KnownTraffic.GROUPS_CREATED);
            expected.put("disco_api_group_changes_total{change=\"updated\"}", (double) KnownTraffic.GROUPS_UPDATED);
            expected.put("disco_api_group_changes_total{change=\"deleted\"}", (double) KnownTraffic.GROUPS_DELETED);
            expected.put("disco_api_groups_stored",
                    (double) (KnownTraffic.GROUPS_CREATED - KnownTraffic.GROUPS_DELETED));
            expected.put("disco_api_requests_seconds_count{route=\"/group\", method=\"POST\", status=\"201\"}",
                    (double) KnownTraffic.GROUPS_CREATED);
            expected.put("disco_api_requests_seconds_bucket{route=\"/group\", method=\"POST\", status=\"201\", le=\"+Inf\"}",
                    (double) KnownTraffic.GROUPS_CREATED);
            expected.put("disco_signal_joins_total", (double) KnownTraffic.SESSIONS_JOINED);
            expected.put("disco_signal_calls_routed_total", (double) KnownTraffic.CALLS);
            expected.put("disco_signal_call_duration_seconds_count", (double) KnownTraffic.CALLS);
            expected.put("disco_signal_sessions", 0.0);
            expected.put("disco_turn_allocations_granted_total", 1.0);
            expected.put("disco_turn_allocations{transport=\"udp\"}", 1.0);
            expected.put("disco_turn_unauthorized_total", (double) KnownTraffic.CHALLENGES);
            expected.put("disco_turn_permissions", 1.0);
            expected.put("disco_turn_relayed_packets_total{direction=\"to_peer\"}", (double) KnownTraffic.PACKETS);
            expected.put("disco_turn_relayed_packets_total{direction=\"to_client\"}", (double) KnownTraffic.PACKETS);
            expected.put("disco_turn_relayed_bytes_total{direction=\"to_peer\"}",
                    (double) KnownTraffic.PACKETS * KnownTraffic.PACKET_BYTES);
            expected.put("disco_turn_relayed_bytes_total{direction=\"to_client\"}",
                    (double) KnownTraffic.PACKETS * KnownTraffic.PACKET_BYTES);
            Map<String, Double> seen = new LinkedHashMap<>();
            for (String promql : expected.keySet()) {
                seen.put(promql, prometheus.value(promql));
            }
            assertEquals(expected, seen, "what Prometheus scraped against what the test did");

            for (String expression : GrafanaDashboard.read().expressions()) {
                prometheus.query(GrafanaDashboard.withVariablesSet(expression));
            }
        }
    }

    @Test
    void theExampleConfigurationIsOnePrometheusAccepts() throws Exception {
        Path config = Path.of("..", "deploy", "prometheus", "prometheus.yml").toAbsolutePath().normalize();
        Path output = Files.createTempFile(prometheusDir, "promtool", ".out");
        Process check = new ProcessBuilder(PrometheusServer.PROMTOOL.toString(), "check", "config", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, check.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
