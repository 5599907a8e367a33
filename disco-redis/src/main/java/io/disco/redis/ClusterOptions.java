package io.disco.redis;

import io.disco.common.cli.Converters;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --cluster} and its heartbeat, the same on every jar: routers share their routes through
 * that Redis, relays announce themselves in it, and the discovery API hands the relays out from it.
 */
public final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "REDIS",
            description = "Nodes given the same Redis (and --redis-prefix) act as one: routers share registrations and"
                    + " subscriptions, relays announce their --ice-url and load, and the discovery API hands out the"
                    + " live relays, least loaded first, from GET /ice-servers: " + RedisLocation.FORMS)
    String cluster;

    @Option(names = "--cluster-heartbeat", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.PositiveDuration.class,
            description = "With --cluster: how often a node tells the others it lives (and the relays are read again);"
                    + " one silent for three heartbeats is taken for gone (default: ${DEFAULT-VALUE})")
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
            throw RedisLocation.malformed("--cluster", cluster, "nodes meet in a Redis:"
                    + " redis://, rediss:// or redis-sentinel://");
        }
        return Optional.of(new ClusterConfig(redis.location("--cluster", cluster), heartbeat));
    }
}
