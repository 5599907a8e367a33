package io.disco.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.disco.api.store.redis.RedisGroupStore;
import io.disco.redis.testing.RedisServer;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A node whose Redis goes away: every request answers 503 with the JSON error within
 * --store-timeout, the node says so once and once again when Redis is back, and serves again by
 * itself; the groups Redis kept in its AOF are all still there.
 */
class RedisOutageTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final String GROUP = "{\"Name\":\"kept\",\"AppID\":\"Outage\",\"Peers\":[],\"GenesisPeers\":[]}";

    private final Logger log = (Logger) LoggerFactory.getLogger(RedisGroupStore.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private RedisServer redis;
    private FlaggedNode node;
    private RequestSpecification http;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start("outage");
        node = new FlaggedNode("--store", redis.uri(), "--store-timeout", "500ms");
        http = new RequestSpecBuilder().setBaseUri(node.uri().toString()).setRelaxedHTTPSValidation().build();
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stop() throws Exception {
        log.detachAppender(logged);
        node.close();
        redis.close();
    }

    @Test
    void aStoppedRedisIs503UntilItIsBackWithEveryGroupItKept() throws Exception {
        String id = create();
        redis.stop();
        for (int i = 0; i < 3; i++) {
            assertUnavailableInTime();
        }
        redis.start();
        awaitServed(id);
        assertEquals(1, lines("Lost Redis"), "lines for the loss: " + logged.list);
        assertEquals(1, lines("is back"), "lines for the return: " + logged.list);
    }

    @Test
    void aKilledRedisLosesNoAcknowledgedWrite() throws Exception {
        String[] ids = new String[20];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = create();
        }
        redis.kill();
        assertUnavailableInTime();
        redis.start();
        awaitServed(ids[0]);
        for (String id : ids) {
            given(http).get("/groups/" + id).then().statusCode(200).body("Name", equalTo("kept"));
        }
        assertEquals(ids.length, node.server.store().countByApp("Outage"));
    }

    /** A Redis that hangs with its connections open: each request waits the timeout, no longer. */
    @Test
    void aFrozenRedisIs503AfterTheTimeoutNotAHang() throws Exception {
        String id = create();
        redis.freeze();
        try {
            assertUnavailableInTime();
        } finally {
            redis.thaw();
        }
        awaitServed(id);
    }

    private String create() {
        return given(http).contentType(ContentType.JSON).body(GROUP).post("/group")
                .then().statusCode(201).extract().as(String.class);
    }

    /** Each kind of request, timed: a read, a listing, a create, an update, a delete. */
    private void assertUnavailableInTime() {
        assertUnavailable(spec -> spec.get("/groups/anything"));
        assertUnavailable(spec -> spec.get("/groups?app-id=Outage"));
        assertUnavailable(spec -> spec.contentType(ContentType.JSON).body(GROUP).post("/group"));
        assertUnavailable(spec -> spec.contentType(ContentType.JSON).body(GROUP).patch("/groups/anything"));
        assertUnavailable(spec -> spec.delete("/groups/anything"));
    }

    private void assertUnavailable(Function<RequestSpecification, Response> request) {
        long start = System.nanoTime();
        Response response = request.apply(given(http));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        response.then().statusCode(503).header("Retry-After", "1").contentType(ContentType.JSON)
                .body("status", equalTo(503)).body("error", equalTo("store unavailable"))
                .body(not(containsString("Exception")));
        // The timeout, and the time a TLS request takes on a busy machine besides.
        assertTrue(tookMillis < TIMEOUT.toMillis() + 1500, "a request took " + tookMillis + " ms");
    }

    private void awaitServed(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (given(http).get("/groups/" + id).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the node did not serve again within 10 s of Redis's return");
            Thread.sleep(50);
        }
    }

    private long lines(String text) {
        return logged.list.stream().filter(event -> event.getFormattedMessage().contains(text)).count();
    }
}
