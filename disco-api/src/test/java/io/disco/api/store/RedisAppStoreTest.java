package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.redis.RedisGroupStore;
import io.disco.common.apps.AppId;
import io.disco.redis.RedisLocation;
import io.disco.redis.testing.RedisServer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
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

    private RedisGroupStore connect() {
        return RedisGroupStore.connect(new StoreConfig.Redis(new RedisLocation(RedisURI.create(redis.uri()), prefix,
                Optional.empty(), Duration.ofSeconds(2))));
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
}
