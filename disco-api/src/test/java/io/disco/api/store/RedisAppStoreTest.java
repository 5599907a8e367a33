package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.redis.RedisGroupStore;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import io.disco.common.testing.MutableClock;
import io.disco.redis.RedisLocation;
import io.disco.redis.apps.RedisAppDirectory;
import io.disco.redis.testing.RedisServer;
import io.lettuce.core.RedisURI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application store contract against a real redis-server, and what another node sees. */
class RedisAppStoreTest extends AppStoreContract {

    private static RedisServer redis;
    private String prefix;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start("apps");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    private RedisLocation location() {
        return new RedisLocation(RedisURI.create(redis.uri()), prefix, Optional.empty(), Duration.ofSeconds(2));
    }

    private RedisGroupStore connect() {
        return RedisGroupStore.connect(new StoreConfig.Redis(location()));
    }

    @Override
    protected GroupStore openGroups() {
        prefix = "test-" + UUID.randomUUID() + ":";
        return connect();
    }

    @Override
    protected AppStore openApps(GroupStore groups) {
        return ((RedisGroupStore) groups).apps();
    }

    @Test
    void anotherNodeReadsTheAppsAndHearsTheirDeletion() throws Exception {
        try (RedisGroupStore otherGroups = connect(); AppStore other = otherGroups.apps()) {
            LinkedBlockingQueue<AppId> heard = new LinkedBlockingQueue<>();
            other.onDeleted(heard::add);
            apps.add(app("chat"));
            assertEquals(apps.find(new AppId("chat")), other.find(new AppId("chat")));

            assertTrue(apps.delete(new AppId("chat")));

            assertEquals(new AppId("chat"), heard.poll(5, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), other.find(new AppId("chat")));
            assertEquals(null, heard.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * What a router or TURN server on a host of its own reads: its answers are kept for as long
     * as its clock (which stands still here) allows, so only the store's notices can make it see
     * an app registered, a key issued or an app deleted.
     */
    @Test
    void aDirectoryOnAnotherHostSeesRegistrationsNewKeysAndDeletionsAtOnce() throws Exception {
        MutableClock stopped = MutableClock.at("2026-03-09T17:05:05Z");
        try (RedisAppDirectory directory = RedisAppDirectory.open(location(), stopped)) {
            LinkedBlockingQueue<AppId> heard = new LinkedBlockingQueue<>();
            directory.onDeleted(heard::add);
            AppId chat = new AppId("chat");
            assertEquals(Optional.empty(), directory.find(chat));

            apps.add(app("chat"));
            assertEquals(apps.find(chat), eventually(directory, chat, apps.find(chat)));

            KeyHash next = KeyHash.of(AppKey.generate(new SecureRandom()), new SecureRandom());
            Instant now = Instant.parse("2026-03-09T17:06:00Z");
            Optional<App> rotated = apps.update(chat, old -> old.withNewKey(next, now, now.plusSeconds(3600)));
            assertEquals(rotated, eventually(directory, chat, rotated));

            assertTrue(apps.delete(chat));
            assertEquals(chat, heard.poll(5, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), directory.find(chat));
        }
    }

    /** The directory's answer once it is {@code expected}, or its last after 5 s. */
    private static Optional<App> eventually(RedisAppDirectory directory, AppId id, Optional<App> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Optional<App> last = directory.find(id);
        while (!last.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            last = directory.find(id);
        }
        return last;
    }
}
