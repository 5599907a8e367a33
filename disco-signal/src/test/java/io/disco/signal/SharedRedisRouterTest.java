package io.disco.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import io.disco.common.apps.StoredApp;
import io.disco.redis.RedisLocation;
import io.disco.redis.apps.AppKeyspace;
import io.disco.redis.apps.AppNotice;
import io.disco.redis.apps.RedisAppDirectory;
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
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A router on a host of its own: it reads the registered applications from the Redis the
 * discovery API writes them to (written here in the API's own format, keys and notices).
 */
class SharedRedisRouterTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final AppKeyspace KEYS = new AppKeyspace("disco:");

    private static RedisServer redis;
    private static RedisClient writerClient;
    private static RedisCommands<String, byte[]> writer;
    private static RedisAppDirectory directory;
    private static RunningRouter router;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("router");
        writerClient = RedisClient.create(redis.uri());
        writer = writerClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)).sync();
        directory = RedisAppDirectory.open(new RedisLocation(RedisURI.create(redis.uri()), KEYS.prefix(),
                Optional.empty(), TIMEOUT), Clock.systemUTC());
        router = new RunningRouter(directory, false, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        directory.close();
        writerClient.shutdown();
        redis.close();
    }

    /** Registers {@code id} as the API does and returns its key. */
    private static String register(String id) {
        AppKey key = AppKey.generate(RANDOM);
        App app = new App(new AppId(id), id, Instant.now(), List.of(KeyHash.of(key, RANDOM)));
        writer.set(KEYS.app(app.id()), StoredApp.json(app));
        writer.sadd(KEYS.registered(), id.getBytes(StandardCharsets.UTF_8));
        writer.publish(KEYS.changes(), new AppNotice("api-node", app.id()).text().getBytes(StandardCharsets.UTF_8));
        return key.text();
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
        String key = register("com.example.chat");
        try (TestClient joined = ticketJoin("com.example.chat", key)) {
            assertEquals("com.example.chat", joined.expect(Welcome.class).details().path("realm").asText());
        }
        try (TestClient refused = ticketJoin("com.example.chat", AppKey.generate(RANDOM).text())) {
            assertEquals(WampErrors.AUTHENTICATION_FAILED, refused.expect(Abort.class).reason());
        }
    }

    @Test
    void aDeletionAnnouncedByTheApiEndsTheSessionsWithGoodbye() throws Exception {
        String key = register("com.example.gone");
        try (TestClient joined = ticketJoin("com.example.gone", key)) {
            joined.expect(Welcome.class);
            writer.del(KEYS.app(new AppId("com.example.gone")));
            writer.publish(KEYS.deletions(), new AppNotice("api-node", new AppId("com.example.gone")).text()
                    .getBytes(StandardCharsets.UTF_8));

            assertEquals(WampErrors.CLOSE_REALM, joined.expect(Goodbye.class).reason());
        }
    }

    @Test
    void aJoinWhileRedisIsAwayIsRefusedAsUndecidedWithinTheTimeout() throws Exception {
        String key = register("com.example.outage");
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
