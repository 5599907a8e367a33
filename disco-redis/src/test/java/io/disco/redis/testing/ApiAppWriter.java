package io.disco.redis.testing;

import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.AppKey;
import io.disco.common.apps.KeyHash;
import io.disco.common.apps.StoredApp;
import io.disco.redis.RedisLocation;
import io.disco.redis.apps.AppKeyspace;
import io.disco.redis.apps.AppNotice;
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

/**
 * Registered applications written into a test's Redis as the discovery API writes them (its
 * document, keys and notices, through the same {@link StoredApp} and {@link AppKeyspace}), for
 * the tests of what reads them on other hosts; and written without a notice, as a change that
 * went unheard.
 */
public final class ApiAppWriter implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NODE = "api-node";

    private final RedisServer redis;
    private final AppKeyspace keys;
    private final RedisClient client;
    private final RedisCommands<String, byte[]> commands;

    public ApiAppWriter(RedisServer redis, String prefix) {
        this.redis = redis;
        this.keys = new AppKeyspace(prefix);
        this.client = RedisClient.create(redis.uri());
        this.commands = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)).sync();
    }

    /** Where a reader finds what this writes, waiting {@code timeout} for Redis. */
    public RedisLocation location(Duration timeout) {
        return new RedisLocation(RedisURI.create(redis.uri()), keys.prefix(), Optional.empty(), timeout);
    }

    public AppKeyspace keys() {
        return keys;
    }

    /** A new application {@code id} with one key, not written anywhere yet. */
    public static App app(AppId id, AppKey key) {
        return new App(id, id + " app", Instant.parse("2026-03-09T17:05:05Z"), List.of(KeyHash.of(key, RANDOM)));
    }

    /** Registers {@code id} with a new key, and returns the key's text. */
    public String register(String id) {
        AppKey key = AppKey.generate(RANDOM);
        register(app(new AppId(id), key));
        return key.text();
    }

    /** Writes {@code app} and announces it, as a registration or a new key. */
    public void register(App app) {
        writeUnheard(app);
        commands.sadd(keys.registered(), utf8(app.id().value()));
        announce(keys.changes(), app.id());
    }

    /** Writes {@code app} without telling anyone. */
    public void writeUnheard(App app) {
        commands.set(keys.app(app.id()), StoredApp.json(app));
    }

    /** Deletes {@code id} and announces it. */
    public void delete(AppId id) {
        commands.del(keys.app(id));
        commands.srem(keys.registered(), utf8(id.value()));
        announce(keys.deletions(), id);
    }

    private void announce(String channel, AppId id) {
        commands.publish(channel, utf8(new AppNotice(NODE, id).text()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
