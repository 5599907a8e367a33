package io.disco.signal.cluster;

import io.disco.common.cli.Converters;
import io.disco.redis.RedisLocation;
import io.disco.redis.RedisOptions;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cluster} and its heartbeat: routers that share one Redis act as one. */
public final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "REDIS",
            description = "Routers given the same Redis (and --redis-prefix) act as one: a procedure registered on"
                    + " one is called from any, events reach subscribers on all: " + RedisLocation.FORMS)
    String cluster;

    @Option(names = "--cluster-heartbeat", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.PositiveDuration.class,
            description = "With --cluster: how often a router tells the others it lives; one silent for three"
                    + " heartbeats is taken for gone, its routes with it (default: ${DEFAULT-VALUE})")
    Duration heartbeat;

    /**
     * The cluster to join, if {@code --cluster} is given, with the Redis flags of {@code redis}.
     *
     * @throws IllegalArgumentException in one line when the value names no Redis
     */
    public Optional<ClusterConfig> toConfig(RedisOptions redis) {
        if (cluster == null) {
            return Optional.empty();
        }
        if (!RedisLocation.isRedis(cluster)) {
            throw RedisLocation.malformed("--cluster", cluster, "routers share their routes through a Redis:"
                    + " redis://, rediss:// or redis-sentinel://");
        }
        return Optional.of(new ClusterConfig(redis.location("--cluster", cluster), heartbeat));
    }
}
