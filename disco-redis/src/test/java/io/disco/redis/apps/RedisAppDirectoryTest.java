package io.disco.redis.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.DirectoryUnavailableException;
import io.disco.common.apps.KeyHash;
import io.disco.common.apps.StoredApp;
import io.disco.common.testing.MutableClock;
import io.disco.redis.RedisLocation;
import io.disco.redis.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory against a real redis-server, written to here as the discovery API writes (its
 * document, its keys, its notices), with a clock that stands still unless a test moves it, so an
 * answer kept stays kept until something makes the directory drop it.
 */
class RedisAppDirectoryTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final AppId CHAT = new AppId("chat");

    private static RedisServer redis;
    private static RedisClient writerClient;
    private static RedisCommands<String, byte[]> writer;

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private AppKeyspace keys;
    private RedisAppDirectory directory;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start("directory");
        writerClient = RedisClient.create(redis.uri());
        writer = writerClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)).sync();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        writerClient.shutdown();
        redis.close();
    }

    @BeforeEach
    void open() {
        String prefix = "test-" + UUID.randomUUID() + ":";
        keys = new AppKeyspace(prefix);
        directory = RedisAppDirectory.open(new RedisLocation(RedisURI.create(redis.uri()), prefix, Optional.empty(),
                TIMEOUT), clock);
    }

    @AfterEach
    void close() {
        directory.close();
    }

    private static App app(AppId id) {
        return new App(id, id + " app", Instant.parse("2026-03-09T17:05:05Z"),
                List.of(KeyHash.of(AppKey.generate(RANDOM), RANDOM)));
    }

    /** Writes as the API does, without telling anyone. */
    private void write(App app) {
        writer.set(keys.app(app.id()), StoredApp.json(app));
    }

    private void announce(String channel, AppId app) {
        writer.publish(channel, new AppNotice("other-node", app).text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsWhatIsWrittenAndNothingElse() {
        App chat = app(CHAT);
        write(chat);
        assertEquals(Optional.of(chat), directory.find(CHAT));
        assertEquals(Optional.empty(), directory.find(new AppId("other")));
    }

    @Test
    void anAnswerIsKeptForAWhileThenReadAgain() {
        App before = app(CHAT);
        write(before);
        assertEquals(Optional.of(before), directory.find(CHAT));
        write(app(CHAT));

        assertEquals(Optional.of(before), directory.find(CHAT));
        clock.advance(RedisAppDirectory.KEPT);
        assertTrue(directory.find(CHAT).map(now -> !now.equals(before)).orElseThrow());
    }

    @Test
    void aChangeNoticeDropsTheKeptAnswer() throws Exception {
        App before = app(CHAT);
        write(before);
        assertEquals(Optional.of(before), directory.find(CHAT));
        App after = app(CHAT);
        write(after);
        announce(keys.changes(), CHAT);

        assertEquals(Optional.of(after), eventually(after));
    }

    @Test
    void aDeletionNoticeDropsTheKeptAnswerAndReachesTheListeners() throws Exception {
        LinkedBlockingQueue<AppId> deleted = new LinkedBlockingQueue<>();
        directory.onDeleted(deleted::add);
        write(app(CHAT));
        assertTrue(directory.find(CHAT).isPresent());
        writer.del(keys.app(CHAT));
        announce(keys.deletions(), CHAT);

        assertEquals(CHAT, deleted.poll(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), directory.find(CHAT));
    }

    @Test
    void whatWasKeptIsDroppedWhenRedisComesBackAndNothingIsServedWhileItIsAway() throws Exception {
        App before = app(CHAT);
        write(before);
        assertEquals(Optional.of(before), directory.find(CHAT));
        // Changed while the directory could not have heard it, as in an outage.
        App after = app(CHAT);
        write(after);
        assertEquals(Optional.of(before), directory.find(CHAT));

        redis.stop();
        long start = System.nanoTime();
        assertThrows(DirectoryUnavailableException.class, () -> directory.find(CHAT));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(waited.compareTo(TIMEOUT.plusMillis(500)) < 0, "waited " + waited);

        redis.start();
        assertEquals(Optional.of(after), eventually(after));
    }

    /** What the directory answers once it answers {@code expected}, or its last answer after 5 s. */
    private Optional<App> eventually(App expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Optional<App> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            try {
                last = directory.find(expected.id());
                if (last.equals(Optional.of(expected))) {
                    return last;
                }
            } catch (DirectoryUnavailableException reconnecting) {
                // Redis is not back yet.
            }
            Thread.sleep(20);
        }
        return last;
    }
}
