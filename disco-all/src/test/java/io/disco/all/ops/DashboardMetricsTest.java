package io.disco.all.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/grafana/disco.json shows what disco.jar's /metrics exposes: every metric its panels
 * query is a sample of a real scrape after traffic through each service (so a renamed metric
 * fails here), and every disco_ family of that scrape is on some panel (so a new one is shown,
 * not only counted).
 */
class DashboardMetricsTest {

    @TempDir
    Path workingDir;

    @Test
    void everyMetricTheDashboardQueriesIsExposedAndEveryDiscoFamilyIsShown() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        ExposedMetrics exposed;
        try (DiscoWithMetrics disco = DiscoWithMetrics.start(workingDir);
             KnownTraffic ignored = KnownTraffic.drive(disco)) {
            exposed = new ExposedMetrics(disco.scrape());
        }
        Set<String> queried = dashboard.metricNames();
        assertTrue(queried.size() > 20, "the dashboard's queries read " + queried);

        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exposed.sampleNames());
        assertEquals(Set.of(), missing, "the dashboard queries what /metrics does not expose");

        Set<String> shown = new TreeSet<>();
        queried.forEach(name -> shown.add(ExposedMetrics.family(name)));
        Set<String> unshown = exposed.families("disco_");
        assertFalse(unshown.isEmpty());
        unshown.removeAll(shown);
        assertEquals(Set.of(), unshown, "disco's metrics that no panel of the dashboard shows");
    }

    @Test
    void metricNamesAreTheIdentifiersThatAreNeitherFunctionsNorLabelsNorClauses() {
        assertEquals(Set.of("disco_api_requests_seconds_bucket"), GrafanaDashboard.metricNames(
                "histogram_quantile(0.99, sum by (le, route) (rate(disco_api_requests_seconds_bucket"
                        + "{job=~\"$job\", status=~\"5..\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_total"), GrafanaDashboard.metricNames(
                "sum(rate(a_total{x=\"y\"}[5m])) / ignoring(x) sum without (instance) (rate(b_total[5m])) > bool 0"));
        assertEquals(Set.of("jvm_threads_live_threads"), GrafanaDashboard.metricNames("jvm_threads_live_threads"));
    }
}
