package io.disco.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Nodes of one service that share a Redis and act as one: routers their routes, relays their
 * announcements, the discovery API its reading of the relays.
 *
 * @param redis     the Redis they meet in ({@code --cluster})
 * @param heartbeat how often a node says it lives ({@code --cluster-heartbeat}); one silent for
 *                  {@link #HEARTBEATS_KEPT} heartbeats is taken for gone
 */
public record ClusterConfig(RedisLocation redis, Duration heartbeat) {

    /** Heartbeats a silent node, or a reader's view of the nodes, lasts. */
    public static final int HEARTBEATS_KEPT = 3;

    public ClusterConfig {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("--cluster-heartbeat must be at least 1ms");
        }
    }

    /** How long an announcement, or a reading of the nodes, holds. */
    public Duration lifetime() {
        return heartbeat.multipliedBy(HEARTBEATS_KEPT);
    }
}
