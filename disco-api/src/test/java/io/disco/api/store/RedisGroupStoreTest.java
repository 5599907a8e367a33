package io.disco.api.store;

import io.disco.api.store.redis.RedisGroupStore;
import io.disco.redis.RedisLocation;
import io.disco.redis.testing.RedisServer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real redis-server; each test gets keys under a prefix of its own. */
class RedisGroupStoreTest extends GroupStoreContract {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start("contract");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Override
    protected GroupStore openEmpty() {
        return RedisGroupStore.connect(new StoreConfig.Redis(new RedisLocation(RedisURI.create(redis.uri()),
                "test-" + UUID.randomUUID() + ":", Optional.empty(), Duration.ofSeconds(2))));
    }

    @Override
    protected boolean dropsExpiredGroupsItself() {
        return true;
    }

    /** Counts are read apart from the version-checked write: concurrent creates may overshoot. */
    @Override
    protected boolean countsExactlyUnderConcurrentWriters() {
        return false;
    }

    @Override
    protected Instant now() {
        return Instant.now().plus(Duration.ofHours(1));
    }
}
