package io.disco.redis;

import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --store} on a router or a TURN server of its own, with the flags of {@link RedisOptions}:
 * the Redis the discovery API keeps the registered applications in, the same value and prefix
 * the API is given. Only a Redis is shared across hosts, so nothing else is taken.
 */
public final class SharedStoreOptions {

    @Option(names = "--store", paramLabel = "REDIS",
            description = "With --apps registered: the Redis the discovery API keeps its store in, with the same "
                    + "--redis-prefix, read for the registered applications: " + RedisLocation.FORMS)
    String store;

    @Mixin
    RedisOptions redis;

    /**
     * The Redis to read the registered applications from: given exactly when {@code registered}.
     *
     * @param missing what to say when registered mode has no {@code --store}
     * @throws IllegalArgumentException in one line when {@code --store} is missing or unused, names
     *                                  no Redis, or one that is not shared across hosts
     *                                  ({@code memory}, {@code sqlite:})
     */
    public Optional<RedisLocation> forApps(boolean registered, String missing) {
        Optional<RedisLocation> location = location();
        if (registered && location.isEmpty()) {
            throw new IllegalArgumentException(missing);
        }
        if (!registered && location.isPresent()) {
            throw new IllegalArgumentException("--store is read for --apps registered only;"
                    + " with --apps open it would go unused");
        }
        return location;
    }

    private Optional<RedisLocation> location() {
        if (store == null) {
            return Optional.empty();
        }
        if (!RedisLocation.isRedis(store)) {
            throw RedisLocation.malformed("--store", store, "a router or TURN server reads the registered "
                    + "applications from the Redis the discovery API shares (redis://, rediss:// or "
                    + "redis-sentinel://); a store on the API's host cannot be read from here");
        }
        return Optional.of(redis.location("--store", store));
    }
}
