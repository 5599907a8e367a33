package io.disco.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.admin.AdminToken;
import io.disco.common.json.DiscoJson;
import io.micrometer.core.instrument.Counter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsListenerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Operations operations = new Operations();
    private final AtomicReference<String> storeProblem = new AtomicReference<>();
    private final AtomicLong allocations = new AtomicLong(2);
    private boolean drained;
    private OpsListener listener;

    private void start(InetAddress host, Optional<AdminToken> token) throws Exception {
        operations.ready(HealthCheck.of("store", () -> Optional.ofNullable(storeProblem.get())));
        operations.drains(new Drainable() {
            @Override
            public String holds() {
                return "allocations";
            }

            @Override
            public void drain() {
                drained = true;
            }

            @Override
            public long remaining() {
                return allocations.get();
            }
        });
        listener = new OpsListener(new OpsConfig(host, OptionalInt.of(0), Duration.ofSeconds(5), token), operations);
        listener.start();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        operations.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + listener.port() + path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return DiscoJson.mapper().readValue(response.body(), Map.class);
    }

    @Test
    void metricsAreInPrometheusTextWithTheJvmsAndTheServicesOwn() throws Exception {
        start(InetAddress.getLoopbackAddress(), Optional.empty());
        Counter.builder("disco.test.things").register(operations.meters()).increment(3);

        HttpResponse<String> metrics = get("/metrics");

        assertEquals(200, metrics.statusCode());
        assertEquals(OpsListener.PROMETHEUS_TEXT, metrics.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(metrics.body().contains("\ndisco_test_things_total 3.0\n"), metrics.body());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes{"), metrics.body());
        assertTrue(metrics.body().contains("jvm_gc_"), metrics.body());
    }

    @Test
    void readinessFailsNamingTheCheckWhileLivenessHolds() throws Exception {
        start(InetAddress.getLoopbackAddress(), Optional.empty());
        assertEquals(200, get("/readyz").statusCode());
        assertEquals(Map.of("status", "ok"), json(get("/readyz")));

        storeProblem.set("Redis at 127.0.0.1:1 does not answer");
        HttpResponse<String> ready = get("/readyz");

        assertEquals(503, ready.statusCode());
        assertEquals(Map.of("status", "failing", "problems", Map.of("store", "Redis at 127.0.0.1:1 does not answer")),
                json(ready));
        assertEquals(200, get("/healthz").statusCode());
    }

    @Test
    void aDrainTurnsReadinessFalseAndReportsWhatRunsUntilItEnds() throws Exception {
        start(InetAddress.getLoopbackAddress(), Optional.empty());

        HttpResponse<String> begun = post("/drain", null);

        assertEquals(202, begun.statusCode());
        assertTrue(drained);
        assertEquals(new DrainState(true, false, Map.of("allocations", 2L)),
                DiscoJson.mapper().readValue(begun.body(), DrainState.class));
        assertEquals(503, get("/readyz").statusCode());
        assertEquals(200, get("/healthz").statusCode());

        allocations.set(0);
        assertEquals(new DrainState(true, true, Map.of("allocations", 0L)),
                DiscoJson.mapper().readValue(get("/drain").body(), DrainState.class));
    }

    @Test
    void aListenerReachableFromOtherHostsDrainsOnlyForTheAdminToken() throws Exception {
        // The wildcard address is not loopback; the test still talks to it over loopback only.
        start(InetAddress.getByName("0.0.0.0"), Optional.of(AdminToken.of("s3cret")));

        HttpResponse<String> without = post("/drain", null);
        HttpResponse<String> wrong = post("/drain", "Bearer guess");

        assertEquals(401, without.statusCode());
        assertEquals("Bearer realm=\"disco\"", without.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(401, json(without).get("status"));
        assertEquals(401, wrong.statusCode());
        assertFalse(drained);
        assertEquals(200, get("/readyz").statusCode());

        assertEquals(202, post("/drain", "Bearer s3cret").statusCode());
        assertTrue(drained);
    }

    @Test
    void otherPathsAndMethodsAnswerJsonErrors() throws Exception {
        start(InetAddress.getLoopbackAddress(), Optional.empty());

        HttpResponse<String> missing = get("/groups");
        HttpResponse<String> wrongMethod = post("/metrics", null);

        assertEquals(404, missing.statusCode());
        assertEquals(404, json(missing).get("status"));
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertFalse(drained);
    }
}
