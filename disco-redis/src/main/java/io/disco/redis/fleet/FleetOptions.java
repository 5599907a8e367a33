package io.disco.redis.fleet;

import io.disco.common.cli.Converters;
import io.disco.redis.RedisLocation;
import io.disco.redis.RedisOptions;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --cluster} and its heartbeat on a TURN server and on the discovery API: the relays
 * announce themselves in that Redis, and the API hands them out from it.
 */
public final class FleetOptions {

    @Option(names = "--cluster", paramLabel = "REDIS",
            description = "TURN servers given the same Redis (and --redis-prefix) announce themselves in it with their"
                    + " --ice-url and their load, and the discovery API given it hands out the live ones, least"
                    + " loaded first, from GET /ice-servers: " + RedisLocation.FORMS)
    String cluster;

    @Option(names = "--cluster-heartbeat", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.PositiveDuration.class,
            description = "With --cluster: how often a TURN server announces itself and the fleet is read again; one"
                    + " silent for three heartbeats is gone (default: ${DEFAULT-VALUE})")
    Duration heartbeat;

    /**
     * The fleet to join, if {@code --cluster} is given, with the Redis flags of {@code redis}.
     *
     * @throws IllegalArgumentException in one line when the value names no Redis
     */
    public Optional<FleetConfig> toConfig(RedisOptions redis) {
        if (cluster == null) {
            return Optional.empty();
        }
        if (!RedisLocation.isRedis(cluster)) {
            throw RedisLocation.malformed("--cluster", cluster, "TURN servers announce themselves in a Redis:"
                    + " redis://, rediss:// or redis-sentinel://");
        }
        return Optional.of(new FleetConfig(redis.location("--cluster", cluster), heartbeat));
    }
}
