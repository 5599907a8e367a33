package io.disco.signal.cluster;

import io.disco.redis.RedisLocation;
import java.time.Duration;
import java.util.Objects;

/**
 * A cluster of routers acting as one.
 *
 * @param redis     the Redis they share their routes through ({@code --cluster})
 * @param heartbeat how often a router says it lives; three missed, it is taken for gone ({@code --cluster-heartbeat})
 */
public record ClusterConfig(RedisLocation redis, Duration heartbeat) {

    public ClusterConfig {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("--cluster-heartbeat must be positive");
        }
    }
}
