package io.disco.redis;

import io.disco.common.cli.Converters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The flags that go with a shared Redis, the same on every jar (and in the environment as
 * {@code DISCO_REDIS_PREFIX} and so on): mixed into whichever command has a flag naming a Redis.
 */
public final class RedisOptions {

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", defaultValue = "disco:",
            description = "Redis: put before every key, so deployments can share one Redis; the discovery API, "
                    + "routers and TURN servers of one deployment name the same (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--redis-ca-file", paramLabel = "FILE",
            description = "Redis over rediss://: PEM certificates to trust instead of the platform's CAs")
    Path caFile;

    @Option(names = "--store-timeout", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.PositiveDuration.class,
            description = "Redis: how long a call waits for Redis before it fails: the API answers 503, a join "
                    + "or a TURN request is refused (default: ${DEFAULT-VALUE})")
    Duration timeout;

    /**
     * The Redis flags mixed into {@code command}, at whatever depth (disco.jar has them in the
     * API's store options), for a further flag naming a Redis to share.
     *
     * @throws IllegalStateException if the command has none
     */
    public static RedisOptions of(CommandSpec command) {
        return find(command).orElseThrow(() -> new IllegalStateException(command.name() + " has no Redis flags"));
    }

    private static Optional<RedisOptions> find(CommandSpec command) {
        if (command.userObject() instanceof RedisOptions options) {
            return Optional.of(options);
        }
        for (CommandSpec mixin : command.mixins().values()) {
            Optional<RedisOptions> found = find(mixin);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The Redis that {@code flag} names by {@code value}, with these flags.
     *
     * @throws IllegalArgumentException in one line naming what is wrong
     */
    public RedisLocation location(String flag, String value) {
        return RedisLocation.parse(flag, value, prefix, Optional.ofNullable(caFile), timeout);
    }
}
