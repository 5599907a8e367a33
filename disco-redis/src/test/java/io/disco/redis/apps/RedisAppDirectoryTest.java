package io.disco.redis.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.DirectoryUnavailableException;
import io.disco.common.testing.MutableClock;
import io.disco.redis.testing.ApiAppWriter;
import io.disco.redis.testing.RedisServer;
import java.security.SecureRandom;
import java.time.Duration;
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

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private ApiAppWriter api;
    private RedisAppDirectory directory;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start("directory");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void open() {
        api = new ApiAppWriter(redis, "test-" + UUID.randomUUID() + ":");
        directory = RedisAppDirectory.open(api.location(TIMEOUT), clock);
    }

    @AfterEach
    void close() {
        directory.close();
        api.close();
    }

    private static App app(AppId id) {
        return ApiAppWriter.app(id, AppKey.generate(RANDOM));
    }

    @Test
    void findsWhatIsWrittenAndNothingElse() {
        App chat = app(CHAT);
        api.writeUnheard(chat);
        assertEquals(Optional.of(chat), directory.find(CHAT));
        assertEquals(Optional.empty(), directory.find(new AppId("other")));
    }

    @Test
    void anAnswerIsKeptForAWhileThenReadAgain() {
        App before = app(CHAT);
        api.writeUnheard(before);
        assertEquals(Optional.of(before), directory.find(CHAT));
        api.writeUnheard(app(CHAT));

        assertEquals(Optional.of(before), directory.find(CHAT));
        clock.advance(RedisAppDirectory.KEPT);
        assertTrue(directory.find(CHAT).map(now -> !now.equals(before)).orElseThrow());
    }

    @Test
    void aChangeNoticeDropsTheKeptAnswer() throws Exception {
        App before = app(CHAT);
        api.writeUnheard(before);
        assertEquals(Optional.of(before), directory.find(CHAT));
        App after = app(CHAT);
        api.register(after);

        assertEquals(Optional.of(after), eventually(after));
    }

    @Test
    void aDeletionNoticeDropsTheKeptAnswerAndReachesTheListeners() throws Exception {
        LinkedBlockingQueue<AppId> deleted = new LinkedBlockingQueue<>();
        directory.onDeleted(deleted::add);
        api.register(app(CHAT));
        assertTrue(directory.find(CHAT).isPresent());
        api.delete(CHAT);

        assertEquals(CHAT, deleted.poll(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), directory.find(CHAT));
    }

    @Test
    void whatWasKeptIsDroppedWhenRedisComesBackAndNothingIsServedWhileItIsAway() throws Exception {
        App before = app(CHAT);
        api.writeUnheard(before);
        assertEquals(Optional.of(before), directory.find(CHAT));
        // Changed while the directory could not have heard it, as in an outage.
        App after = app(CHAT);
        api.writeUnheard(after);
        assertEquals(Optional.of(before), directory.find(CHAT));

        redis.stop();
        // Lettuce learns of the lost connection on its own thread a moment after the process has
        // gone; until then the kept answer may still be served, but never the unheard one.
        Duration waited = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waited == null && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            try {
                assertEquals(Optional.of(before), directory.find(CHAT));
                Thread.sleep(10);
            } catch (DirectoryUnavailableException away) {
                waited = Duration.ofNanos(System.nanoTime() - start);
            }
        }
        assertNotNull(waited, "the directory kept answering for 5 s after Redis stopped");
        assertTrue(waited.compareTo(TIMEOUT.plusMillis(500)) < 0, "waited " + waited);
        assertThrows(DirectoryUnavailableException.class, () -> directory.find(CHAT));

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
