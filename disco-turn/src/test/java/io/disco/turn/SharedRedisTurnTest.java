package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import io.disco.common.apps.StoredApp;
import io.disco.common.ice.TurnRestCredential;
import io.disco.redis.RedisLocation;
import io.disco.redis.apps.AppKeyspace;
import io.disco.redis.apps.AppNotice;
import io.disco.redis.apps.RedisAppDirectory;
import io.disco.redis.testing.RedisServer;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TURN server on a host of its own in registered mode: it reads the registered applications
 * from the Redis the discovery API writes them to (written here in the API's own format, keys and
 * notices), with no admin token and no call to the API.
 */
class SharedRedisTurnTest {

    private static final String SECRET = "s3cret";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final AppKeyspace KEYS = new AppKeyspace("disco:");

    private static RedisServer redis;
    private static RedisClient writerClient;
    private static RedisCommands<String, byte[]> writer;
    private static RedisAppDirectory directory;
    private static TurnServer server;
    private final List<UdpTurnClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("turn");
        writerClient = RedisClient.create(redis.uri());
        writer = writerClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)).sync();
        directory = RedisAppDirectory.open(new RedisLocation(RedisURI.create(redis.uri()), KEYS.prefix(),
                Optional.empty(), TIMEOUT), Clock.systemUTC());
        TurnConfig config = new TurnConfig(new TurnConfig.Listeners(0, 0, null),
                new TurnConfig.Auth(TestConfigs.REALM, "test", "test", List.of(SECRET)), TestConfigs.RELAY,
                TestConfigs.LOOPBACK_PEERS, TestConfigs.LIMITS,
                new TurnConfig.Apps(TurnConfig.Apps.Mode.REGISTERED, 10));
        server = new TurnServer(config, new TurnContext(Clock.systemUTC(), Optional.of(directory)));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        directory.close();
        writerClient.shutdown();
        redis.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(UdpTurnClient::close);
    }

    /** Registers {@code id} as the API does. */
    private static void register(String id) {
        App app = new App(new AppId(id), id, Instant.now(), List.of(KeyHash.of(AppKey.generate(RANDOM), RANDOM)));
        writer.set(KEYS.app(app.id()), StoredApp.json(app));
        writer.sadd(KEYS.registered(), utf8(id));
        writer.publish(KEYS.changes(), utf8(new AppNotice("api-node", app.id()).text()));
    }

    /** Deletes {@code id} as the API does. */
    private static void delete(String id) {
        writer.del(KEYS.app(new AppId(id)));
        writer.srem(KEYS.registered(), utf8(id));
        writer.publish(KEYS.deletions(), utf8(new AppNotice("api-node", new AppId(id)).text()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Allocates from a new client with the REST credentials the API hands out for {@code app}. */
    private Reply allocateAs(String app) throws Exception {
        UdpTurnClient client = new UdpTurnClient(new InetSocketAddress("127.0.0.1", server.port()));
        clients.add(client);
        String username = (System.currentTimeMillis() / 1000 + 3600) + ":" + app;
        String nonce = client.call(Messages.allocate().encode()).nonce();
        return client.call(Messages.allocate().credentials(username, TestConfigs.REALM, nonce,
                TurnRestCredential.password(SECRET, username)).fingerprint().encode());
    }

    @Test
    void aRegisteredAppsCredentialsAllocateUntilTheAppIsDeleted() throws Exception {
        assertEquals(401, allocateAs("chat").code(), "not registered yet");
        register("chat");
        // The registration's notice drops the "not registered" the directory kept; it travels
        // through Redis beside the allocation, so it may come a moment after.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Reply allocated = allocateAs("chat");
        while (!allocated.isSuccess() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            allocated = allocateAs("chat");
        }
        assertTrue(allocated.isSuccess(), "allocated within 5 s of the registration");

        delete("chat");
        while (server.allocations().size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.allocations().size(), "the deleted app's allocation ended");
        assertEquals(401, allocateAs("chat").code());
    }

    @Test
    void aLoginWhileRedisIsAwayFailsAsATemporaryServerError() throws Exception {
        register("outage");
        redis.stop();
        try {
            long start = System.nanoTime();
            Reply reply = allocateAs("outage");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(500, reply.code());
            assertTrue(waited.compareTo(TIMEOUT.plusSeconds(1)) < 0, "waited " + waited);
        } finally {
            redis.start();
        }
    }
}
