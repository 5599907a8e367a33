package io.disco.redis.fleet;

import io.disco.redis.RedisLocation;
import java.time.Duration;
import java.util.Objects;

/**
 * The TURN servers that share one Redis, and how often each says it lives.
 *
 * @param redis     the Redis they announce themselves in ({@code --cluster})
 * @param heartbeat how often a TURN server announces itself, and a reader reads them all
 *                  ({@code --cluster-heartbeat}); one silent for three heartbeats is gone
 */
public record FleetConfig(RedisLocation redis, Duration heartbeat) {

    /** Heartbeats a silent TURN server, or a reader's view of the fleet, lasts. */
    static final int HEARTBEATS_KEPT = 3;

    public FleetConfig {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("--cluster-heartbeat must be at least 1ms");
        }
    }

    /** How long an announcement, or a reading of the fleet, holds: three heartbeats. */
    public Duration lifetime() {
        return heartbeat.multipliedBy(HEARTBEATS_KEPT);
    }
}
