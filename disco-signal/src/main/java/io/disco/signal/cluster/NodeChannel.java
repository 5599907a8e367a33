package io.disco.signal.cluster;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sends {@link NodeMessage}s to another router's channel, without waiting for Redis. */
final class NodeChannel {

    private final StatefulRedisConnection<String, byte[]> redis;
    private final ClusterKeyspace keys;

    NodeChannel(StatefulRedisConnection<String, byte[]> redis, ClusterKeyspace keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * @return how many routers heard it: 0 when router {@code node} is not listening (gone, or
     *         cut off from Redis); failed when this router cannot reach Redis
     */
    CompletionStage<Long> send(int node, NodeMessage message) {
        try {
            return redis.async().publish(keys.inbox(node), NodeWire.encode(message));
        } catch (RuntimeException e) {
            // Lettuce refuses a command at once while the connection is down.
            return CompletableFuture.failedFuture(e);
        }
    }
}
