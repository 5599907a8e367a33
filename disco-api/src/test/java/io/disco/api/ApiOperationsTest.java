package io.disco.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.disco.ops.OpsConfig;
import io.disco.ops.OpsListener;
import io.disco.redis.testing.RedisServer;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * What operators see of a discovery node, over its real listeners: the request, group and store
 * meters on {@code /metrics} after requests over TLS, liveness and readiness, the access log and
 * the audit lines.
 */
class ApiOperationsTest {

    private static final String GROUP = "{\"ID\":\"%s\",\"Name\":\"g\",\"AppID\":\"Metered\",\"Peers\":[],\"GenesisPeers\":[]}";

    private final Logger access = (Logger) LoggerFactory.getLogger("disco.access");
    private final Logger audit = (Logger) LoggerFactory.getLogger("disco.audit");
    private final ListAppender<ILoggingEvent> accessLines = new ListAppender<>();
    private final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();
    private final Level accessLevel = access.getLevel();
    private final Level auditLevel = audit.getLevel();
    private FlaggedNode node;
    private OpsListener ops;
    private RedisServer redis;
    private RequestSpecification http;

    private void start(String... flags) throws Exception {
        node = new FlaggedNode(flags);
        ops = new OpsListener(new OpsConfig(InetAddress.getLoopbackAddress(), OptionalInt.of(0), Duration.ofSeconds(5),
                Optional.empty()), node.operations);
        ops.start();
        http = new RequestSpecBuilder().setBaseUri(node.uri().toString()).setRelaxedHTTPSValidation().build();
        // Tests log at WARN: these lines are at INFO.
        access.setLevel(Level.INFO);
        audit.setLevel(Level.INFO);
        accessLines.start();
        access.addAppender(accessLines);
        auditLines.start();
        audit.addAppender(auditLines);
    }

    @AfterEach
    void stop() throws Exception {
        access.detachAppender(accessLines);
        audit.detachAppender(auditLines);
        access.setLevel(accessLevel);
        audit.setLevel(auditLevel);
        if (ops != null) {
            ops.stop();
        }
        if (node != null) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatus() throws Exception {
        start("--store", "memory");
        String id = "metered-1";
        create(id);
        create(id);
        given(http).get("/groups/" + id).then().statusCode(200);
        given(http).get("/groups/" + id).then().statusCode(200);
        given(http).get("/groups/not-there").then().statusCode(404);
        given(http).delete("/groups/" + id).then().statusCode(200);

        awaitSample(2, "disco_api_requests_seconds_count", "route", "/groups/{id}", "method", "GET", "status", "200");
        assertSample(1, "disco_api_requests_seconds_count", "route", "/groups/{id}", "method", "GET", "status", "404");
        awaitSample(1, "disco_api_requests_seconds_count", "route", "/groups/{id}", "method", "DELETE", "status", "200");
        assertSample(2, "disco_api_requests_seconds_count", "route", "/group", "method", "POST", "status", "201");
        assertSample(2, "disco_api_requests_seconds_bucket", "route", "/group", "method", "POST", "status", "201",
                "le", "10.0");
        assertFalse(scrape().contains(id), "a group's ID became a label value");

        assertSample(1, "disco_api_group_changes_total", "change", "created");
        assertSample(1, "disco_api_group_changes_total", "change", "updated");
        assertSample(1, "disco_api_group_changes_total", "change", "deleted");
        assertSample(0, "disco_api_groups_stored");
        assertSample(2, "disco_api_store_operation_seconds_count", "store", "memory", "operation", "write");
        assertSample(1, "disco_api_store_operation_seconds_count", "store", "memory", "operation", "delete");
        assertSample(0, "disco_api_store_errors_total", "store", "memory", "operation", "write");
        assertTrue(scrape().lines().anyMatch(line -> line.startsWith("jetty_threads_busy{") && line.contains("server=\"api\"")),
                "no Jetty thread pool metrics for the API");
        assertTrue(scrape().lines().anyMatch(line -> line.startsWith("jetty_connections_") && line.contains("server=\"api\"")),
                "no Jetty connection metrics for the API");
    }

    @Test
    void theSqliteStoreCountsItsCommitsAndTheWritesInThem(@TempDir Path data) throws Exception {
        start("--store", "sqlite:" + data.resolve("groups.db"));
        assertSample(0, "disco_api_store_commits_total");
        // One after the other, each write has a transaction of its own.
        create("committed-1");
        create("committed-2");
        given(http).delete("/groups/committed-1").then().statusCode(200);

        assertSample(3, "disco_api_store_commits_total");
        assertSample(3, "disco_api_store_committed_writes_total");
    }

    @Test
    void eachChangeToAGroupIsOneAuditLineNamingItsClient() throws Exception {
        start("--store", "memory");
        create("audited");
        create("audited");
        given(http).delete("/groups/audited").then().statusCode(200);

        List<String> lines = auditLines.list.stream().map(ApiOperationsTest::withFields).toList();
        assertEquals(List.of(
                "Group created {app_id=Metered, group_id=audited, remote_address=127.0.0.1}",
                "Group updated {app_id=Metered, group_id=audited, remote_address=127.0.0.1}",
                "Group deleted {app_id=Metered, group_id=audited, remote_address=127.0.0.1}"), lines);
    }

    @Test
    void theAccessLogHasALinePerRequestWithoutTheQuery() throws Exception {
        start("--store", "memory", "--access-log");
        create("logged");
        given(http).get("/groups?app-id=Secret-App").then().statusCode(200);

        await(() -> accessLines.list.size() >= 2, "two access log lines");
        // Jetty logs a request once it has completed, which may be after its client has the
        // answer and sent the next: the two lines may come in either order.
        List<String> lines = accessLines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("127\\.0\\.0\\.1 \"POST /group HTTP/1\\.1\" 201 \\d+ \\d+ms")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("127\\.0\\.0\\.1 \"GET /groups HTTP/1\\.1\" 200 \\d+ \\d+ms")),
                lines.toString());
        assertFalse(String.join("\n", lines).contains("Secret-App"), "the query string was logged: " + lines);
    }

    @Test
    void withoutTheFlagThereIsNoAccessLog() throws Exception {
        start("--store", "memory");
        create("unlogged");
        given(http).get("/groups/unlogged").then().statusCode(200);
        awaitSample(1, "disco_api_requests_seconds_count", "route", "/groups/{id}", "method", "GET", "status", "200");
        assertEquals(List.of(), accessLines.list);
    }

    @Test
    void aNodeWhoseRedisIsDownIsAliveButNotReady() throws Exception {
        redis = RedisServer.start("readiness");
        start("--store", redis.uri(), "--store-timeout", "500ms");
        opsGet("/healthz").then().statusCode(200);
        opsGet("/readyz").then().statusCode(200);

        redis.stop();
        await(() -> opsGet("/readyz").statusCode() == 503, "readiness failing while Redis is down");
        opsGet("/readyz").then().body(containsString("api-store")).body(containsString("Redis at"));
        opsGet("/healthz").then().statusCode(200);
        given(http).get("/groups/anything").then().statusCode(503);
        awaitSample(1, "disco_api_store_errors_total", "store", "redis", "operation", "get");

        redis.start();
        await(() -> opsGet("/readyz").statusCode() == 200, "ready again once Redis is back");
    }

    private void create(String id) {
        given(http).contentType(ContentType.JSON).body(String.format(GROUP, id)).post("/group")
                .then().statusCode(201);
    }

    private io.restassured.response.Response opsGet(String path) {
        return given().get("http://127.0.0.1:" + ops.port() + path);
    }

    private String scrape() {
        return opsGet("/metrics").then().statusCode(200).extract().asString();
    }

    private void assertSample(double expected, String name, String... labels) {
        String scrape = scrape();
        assertEquals(expected, sample(scrape, name, labels), () -> name + " " + List.of(labels) + " in\n"
                + scrape.lines().filter(line -> line.startsWith(name)).collect(Collectors.joining("\n")));
    }

    /** The meters are recorded once a request has completed, which may be after its client has the answer. */
    private void awaitSample(double expected, String name, String... labels) throws InterruptedException {
        await(() -> sample(scrape(), name, labels) == expected, name + " " + List.of(labels) + " = " + expected);
    }

    /** The value of the one sample of {@code name} with exactly {@code labels} (name, value, ...) and {@code server}'s; NaN when none. */
    private static double sample(String scrape, String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sampleName = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
            if (!sampleName.equals(name)) {
                continue;
            }
            Map<String, String> found = new TreeMap<>();
            if (brace >= 0) {
                for (String pair : line.substring(brace + 1, line.lastIndexOf('}')).split(",(?=[a-z_]+=\")")) {
                    int equals = pair.indexOf('=');
                    found.put(pair.substring(0, equals), pair.substring(equals + 2, pair.length() - 1));
                }
            }
            if (found.equals(wanted)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return Double.NaN;
    }

    private static String withFields(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        return event.getFormattedMessage() + " " + pairs.stream()
                .collect(Collectors.toMap(pair -> pair.key, pair -> String.valueOf(pair.value), (a, b) -> b, TreeMap::new));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s: " + what);
            Thread.sleep(50);
        }
    }
}
