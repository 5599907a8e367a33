package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.redis.RedisGroupStore;
import io.disco.common.model.Group;
import io.disco.common.testing.TestTls;
import io.disco.redis.RedisLocation;
import io.disco.redis.testing.RedisServer;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rediss://: a redis-server that speaks TLS only, with the project's test certificate. */
class RedisTlsTest {

    private static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.startTls("tls",
                new RedisServer.Tls(TestTls.certFile(), TestTls.keyFile(), TestTls.certFile()));
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    private static StoreConfig.Redis config(Optional<Path> ca) {
        return new StoreConfig.Redis(new RedisLocation(RedisURI.create(redis.uri()), "tls:", ca, Duration.ofSeconds(2)));
    }

    @Test
    void storesOverTlsTrustingTheCaFile() {
        try (GroupStore store = RedisGroupStore.connect(config(Optional.of(TestTls.certFile())))) {
            Group group = new Group("1", "over tls", "chat", "", 0, null, null, null);
            Instant expiresAt = Instant.parse("2100-01-01T00:00:00Z");
            store.upsert("1", old -> StoredGroup.of(group, expiresAt));
            assertEquals(group, store.get("1").orElseThrow().group());
        }
    }

    @Test
    void aCertificateThePlatformDoesNotTrustStopsTheStoreFromOpening() {
        StoreOpenException e = assertThrows(StoreOpenException.class,
                () -> RedisGroupStore.connect(config(Optional.empty())));
        assertTrue(e.getMessage().startsWith("cannot reach Redis at rediss://localhost:" + redis.port() + ": "),
                e.getMessage());
    }
}
