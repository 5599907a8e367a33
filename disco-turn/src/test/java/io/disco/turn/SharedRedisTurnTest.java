package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.apps.AppId;
import io.disco.redis.apps.RedisAppDirectory;
import io.disco.redis.testing.ApiAppWriter;
import io.disco.redis.testing.RedisServer;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A TURN server on a host of its own in registered mode: it reads the registered applications
 * from the Redis the discovery API writes them to (written here in the API's own format, keys and
 * notices), with no admin token and no call to the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRedisTurnTest {

    private static final String SECRET = "s3cret";
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static RedisServer redis;
    private static ApiAppWriter api;
    private static RedisAppDirectory directory;
    private static TurnServer server;
    private final List<UdpTurnClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("turn");
        api = new ApiAppWriter(redis, "disco:");
        directory = RedisAppDirectory.open(api.location(TIMEOUT), Clock.systemUTC());
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
        api.close();
        redis.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(UdpTurnClient::close);
    }

    /** Allocates from a new client with the REST credentials the API hands out for {@code app}. */
    private Reply allocateAs(String app) throws Exception {
        UdpTurnClient client = new UdpTurnClient(new InetSocketAddress("127.0.0.1", server.port()));
        clients.add(client);
        return TestConfigs.allocateAs(client, app, SECRET);
    }

    @Test
    void aRegisteredAppsCredentialsAllocateUntilTheAppIsDeleted() throws Exception {
        assertEquals(401, allocateAs("chat").code(), "not registered yet");
        api.register("chat");
        // The registration's notice drops the "not registered" the directory kept; it travels
        // through Redis beside the allocation, so it may come a moment after.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Reply allocated = allocateAs("chat");
        while (!allocated.isSuccess() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            allocated = allocateAs("chat");
        }
        assertTrue(allocated.isSuccess(), "allocated within 5 s of the registration");

        api.delete(new AppId("chat"));
        while (server.allocations().size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.allocations().size(), "the deleted app's allocation ended");
        assertEquals(401, allocateAs("chat").code());
    }

    /**
     * Last: once Redis is back, the directory hears notices again only after Lettuce has
     * reconnected and subscribed again, and a deletion announced before then is not heard.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aLoginWhileRedisIsAwayFailsAsATemporaryServerError() throws Exception {
        api.register("outage");
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
