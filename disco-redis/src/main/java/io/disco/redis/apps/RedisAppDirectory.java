package io.disco.redis.apps;

import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import io.disco.common.apps.DirectoryUnavailableException;
import io.disco.common.apps.StoredApp;
import io.disco.redis.RedisLocation;
import io.disco.redis.RedisUnreachableException;
import io.disco.redis.SharedRedis;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered applications as the discovery API keeps them in the shared Redis, read only:
 * what a router or TURN server on a host of its own checks keys against ({@link AppKeyspace}).
 *
 * <p>Answers are kept for {@link #KEPT}, so that a join or a login does not wait for Redis each
 * time, but only while this directory hears both channels of notices: an application deleted or
 * changed (a key issued) is forgotten the moment its notice arrives, so a new key
 * works at once. Redis keeps no notice for a listener that is not connected, so once the
 * connection is lost nothing is kept until both channels are subscribed again, and everything
 * kept before is dropped then. {@link #KEPT} bounds anything else that could go unheard.
 *
 * <p>Redis out of reach or slower than the timeout: {@link #find} throws
 * {@link DirectoryUnavailableException} within the timeout.
 */
public final class RedisAppDirectory implements AppDirectory, AutoCloseable {

    /** How long an answer is kept while the notices are heard. */
    public static final Duration KEPT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RedisAppDirectory.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final SharedRedis redis;
    private final AppKeyspace keys;
    private final Clock clock;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final StatefulRedisPubSubConnection<String, String> notices;
    private final Map<AppId, Kept> kept = new ConcurrentHashMap<>();
    /** Counts every forgetting: an answer read while one happened is not kept. */
    private final AtomicLong forgettings = new AtomicLong();
    private final List<Consumer<AppId>> deletionListeners = new CopyOnWriteArrayList<>();
    /** The channels subscribed since the connection was last made; guarded by {@code this}. */
    private final Set<String> subscribed = new HashSet<>();
    private volatile boolean hearing;
    private boolean lostOnce;
    private volatile boolean closed;

    private record Kept(Optional<App> app, long untilMillis) {
    }

    private RedisAppDirectory(SharedRedis redis, Clock clock, StatefulRedisConnection<String, byte[]> connection,
            StatefulRedisPubSubConnection<String, String> notices) {
        this.redis = redis;
        this.keys = new AppKeyspace(redis.location().prefix());
        this.clock = clock;
        this.connection = connection;
        this.notices = notices;
    }

    /**
     * Connects to the Redis at {@code location} and listens for its notices.
     *
     * @throws RedisUnreachableException naming the Redis when it cannot be reached within the timeout
     */
    public static RedisAppDirectory open(RedisLocation location, Clock clock) {
        SharedRedis redis = SharedRedis.of(location);
        try {
            RedisAppDirectory directory = new RedisAppDirectory(redis, clock, redis.connect(CODEC),
                    redis.connectPubSub());
            directory.listen();
            LOG.info("Registered applications are read from {}", location);
            return directory;
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    private void listen() {
        notices.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                heard(channel, message);
            }

            @Override
            public void subscribed(String channel, long count) {
                RedisAppDirectory.this.subscribed(channel);
            }
        });
        redis.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> lost) {
                // The connection of commands may drop alone; only the notices' one is resubscribed.
                if (lost == notices) {
                    disconnected();
                }
            }
        });
        try {
            notices.sync().subscribe(keys.deletions(), keys.changes());
        } catch (RedisException e) {
            throw new RedisUnreachableException(redis.location(), e);
        }
    }

    @Override
    public Optional<App> find(AppId id) {
        if (closed) {
            throw new IllegalStateException("the directory of applications is closed");
        }
        long now = clock.millis();
        Kept answer = kept.get(id);
        if (answer != null && now < answer.untilMillis()) {
            return answer.app();
        }
        long before = forgettings.get();
        boolean keep = hearing;
        Optional<App> app = read(id);
        if (keep) {
            Kept fresh = new Kept(app, now + KEPT.toMillis());
            kept.put(id, fresh);
            // A notice or a lost connection while Redis was asked may be about this answer.
            if (forgettings.get() != before) {
                kept.remove(id, fresh);
            }
        }
        return app;
    }

    @Override
    public void onDeleted(Consumer<AppId> listener) {
        deletionListeners.add(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        redis.close();
    }

    @Override
    public String toString() {
        return "applications in " + redis;
    }

    private Optional<App> read(AppId id) {
        byte[] json;
        try {
            json = connection.sync().get(keys.app(id));
        } catch (RedisException e) {
            throw new DirectoryUnavailableException("Redis at " + redis.location().where() + ": "
                    + SharedRedis.reason(e), e);
        }
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredApp.parse(json));
        } catch (IllegalArgumentException e) {
            throw new DirectoryUnavailableException("application " + id + " in Redis at "
                    + redis.location().where() + ": " + e.getMessage(), e);
        }
    }

    /** On Lettuce's thread, as brief as the listeners. */
    private void heard(String channel, String message) {
        Optional<AppNotice> notice = AppNotice.parse(message);
        if (notice.isEmpty()) {
            return;
        }
        AppId app = notice.get().app();
        forget(app);
        if (channel.equals(keys.deletions())) {
            for (Consumer<AppId> listener : deletionListeners) {
                listener.accept(app);
            }
        }
    }

    private void forget(AppId app) {
        forgettings.incrementAndGet();
        kept.remove(app);
    }

    private void forgetAll() {
        forgettings.incrementAndGet();
        kept.clear();
    }

    /** Both channels heard again: whatever changed meanwhile went unheard, so nothing kept is trusted. */
    private synchronized void subscribed(String channel) {
        subscribed.add(channel);
        if (!hearing && subscribed.containsAll(List.of(keys.deletions(), keys.changes()))) {
            forgetAll();
            hearing = true;
            if (lostOnce) {
                LOG.info("Redis at {} is back: registered applications are read again", redis.location().where());
            }
        }
    }

    private synchronized void disconnected() {
        boolean wasHearing = hearing;
        hearing = false;
        lostOnce = true;
        subscribed.clear();
        forgetAll();
        if (wasHearing && !closed) {
            LOG.warn("Lost Redis at {}: joins and logins of registered applications are refused until it is back",
                    redis.location().where());
        }
    }
}
