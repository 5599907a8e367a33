package io.disco.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce client of a {@link RedisLocation}, set up as every service needs it: commands fail
 * within the timeout and are refused at once while the connection is down (a request must not
 * queue behind an outage), TLS trusts the CA file if one is given, and a lost connection is
 * made again soon after Redis is back. Lettuce subscribes a pub/sub connection again by itself.
 */
public final class SharedRedis implements AutoCloseable {

    // Reconnects soon after Redis is back: Lettuce's default backs off to 30 s.
    private static final Delay RECONNECT_DELAY =
            Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);

    private final RedisLocation location;
    private final ClientResources resources;
    private final RedisClient client;

    private SharedRedis(RedisLocation location, ClientResources resources, RedisClient client) {
        this.location = location;
        this.resources = resources;
        this.client = client;
    }

    /** A client that connects to nothing yet; closing it ends every connection it made. */
    public static SharedRedis of(RedisLocation location) {
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2)
                .computationThreadPoolSize(2).reconnectDelay(RECONNECT_DELAY).build();
        RedisURI uri = RedisURI.builder(location.uri()).withTimeout(location.timeout()).build();
        RedisClient client = RedisClient.create(resources, uri);
        ClientOptions.Builder options = ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(location.timeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(location.timeout()));
        location.caFile().ifPresent(ca -> options.sslOptions(SslOptions.builder().jdkSslProvider()
                .trustManager(ca.toFile()).build()));
        client.setOptions(options.build());
        return new SharedRedis(location, resources, client);
    }

    public RedisLocation location() {
        return location;
    }

    /** @throws RedisUnreachableException naming the Redis when it cannot be reached within the timeout */
    public <K, V> StatefulRedisConnection<K, V> connect(RedisCodec<K, V> codec) {
        try {
            return client.connect(codec);
        } catch (RedisException | IllegalArgumentException e) {
            throw new RedisUnreachableException(location, e);
        }
    }

    /** @throws RedisUnreachableException naming the Redis when it cannot be reached within the timeout */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return connectPubSub(StringCodec.UTF8);
    }

    /** @throws RedisUnreachableException naming the Redis when it cannot be reached within the timeout */
    public <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec) {
        try {
            return client.connectPubSub(codec);
        } catch (RedisException | IllegalArgumentException e) {
            throw new RedisUnreachableException(location, e);
        }
    }

    /** Told when any connection of this client is lost or made again. */
    public void addListener(RedisConnectionStateListener listener) {
        client.addListener(listener);
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** What went wrong, in one line: the innermost cause says it best ("Connection refused"). */
    public static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public String toString() {
        return location.toString();
    }
}
