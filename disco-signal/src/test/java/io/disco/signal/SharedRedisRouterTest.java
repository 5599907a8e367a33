package io.disco.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.redis.apps.RedisAppDirectory;
import io.disco.redis.testing.ApiAppWriter;
import io.disco.redis.testing.RedisServer;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Authenticate;
import io.disco.signal.wamp.WampMessage.Challenge;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Welcome;
import io.disco.signal.wamp.WampSerializer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A router on a host of its own: it reads the registered applications from the Redis the
 * discovery API writes them to (written here in the API's own format, keys and notices).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRedisRouterTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static RedisServer redis;
    private static ApiAppWriter api;
    private static RedisAppDirectory directory;
    private static RunningRouter router;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("router");
        api = new ApiAppWriter(redis, "disco:");
        directory = RedisAppDirectory.open(api.location(TIMEOUT), Clock.systemUTC());
        router = new RunningRouter(directory, false, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        directory.close();
        api.close();
        redis.close();
    }

    private static TestClient ticketJoin(String realm, String ticket) throws Exception {
        TestClient client = TestClient.connect(router.uri(), WampSerializer.JSON);
        ObjectNode details = TestClient.helloDetails(true);
        details.withArray("authmethods").add("ticket");
        client.send(new Hello(realm, details));
        client.expect(Challenge.class);
        client.send(new Authenticate(ticket, WampCodec.dict()));
        return client;
    }

    @Test
    void theAppsKeyJoinsItsRealmAndAnotherKeyDoesNot() throws Exception {
        String key = api.register("com.example.chat");
        try (TestClient joined = ticketJoin("com.example.chat", key)) {
            assertEquals("com.example.chat", joined.expect(Welcome.class).details().path("realm").asText());
        }
        try (TestClient refused = ticketJoin("com.example.chat", AppKey.generate(RANDOM).text())) {
            assertEquals(WampErrors.AUTHENTICATION_FAILED, refused.expect(Abort.class).reason());
        }
    }

    @Test
    void aDeletionAnnouncedByTheApiEndsTheSessionsWithGoodbye() throws Exception {
        String key = api.register("com.example.gone");
        try (TestClient joined = ticketJoin("com.example.gone", key)) {
            joined.expect(Welcome.class);
            api.delete(new AppId("com.example.gone"));

            assertEquals(WampErrors.CLOSE_REALM, joined.expect(Goodbye.class).reason());
        }
    }

    /**
     * Last: once Redis is back, the directory hears notices again only after Lettuce has
     * reconnected and subscribed again, and a deletion announced before then is not heard.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aJoinWhileRedisIsAwayIsRefusedAsUndecidedWithinTheTimeout() throws Exception {
        String key = api.register("com.example.outage");
        redis.stop();
        try (TestClient client = TestClient.connect(router.uri(), WampSerializer.JSON)) {
            ObjectNode details = TestClient.helloDetails(true);
            details.withArray("authmethods").add("ticket");
            long start = System.nanoTime();
            client.send(new Hello("com.example.outage", details));
            Abort abort = client.expect(Abort.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(WampErrors.AUTHORIZATION_FAILED, abort.reason());
            assertTrue(waited.compareTo(TIMEOUT.plusSeconds(1)) < 0, "waited " + waited);
        } finally {
            redis.start();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try (TestClient joined = ticketJoin("com.example.outage", key)) {
                if (joined.expect(Welcome.class) != null) {
                    return;
                }
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }
}
