package io.disco.api;

import io.disco.api.store.StoreConfig;
import io.disco.api.store.sqlite.StoreSync;
import io.disco.common.cli.Converters;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The flags that choose where the groups live. {@code --store} is one value whose scheme names
 * the kind of store, parsed here into its {@link StoreConfig}: one branch per scheme.
 */
public final class StoreOptions {

    /** Relative to the working directory, so that {@code make run} keeps its groups in the checkout. */
    public static final String DEFAULT_STORE = "sqlite:disco-data/groups.db";

    @Option(names = "--store", paramLabel = "STORE", defaultValue = DEFAULT_STORE,
            description = "Where groups are kept: sqlite:FILE (durable, on this host), memory (lost on restart), "
                    + "or a Redis that several API nodes share: redis://[USER:PASSWORD@]HOST:PORT[/DB], "
                    + "rediss://... (TLS), redis-sentinel://[PASSWORD@]HOST:PORT[,HOST:PORT...][/DB]#MASTER "
                    + "(default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--store-sync", paramLabel = "normal|full", defaultValue = "normal", converter = Sync.class,
            description = "SQLite store: normal survives a crash of the process, full also a power loss, "
                    + "at some cost per write (default: ${DEFAULT-VALUE})")
    StoreSync sync;

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", defaultValue = "disco:",
            description = "Redis store: put before every key, so deployments can share one Redis "
                    + "(default: ${DEFAULT-VALUE})")
    String redisPrefix;

    @Option(names = "--redis-ca-file", paramLabel = "FILE",
            description = "Redis store over rediss://: PEM certificates to trust instead of the platform's CAs")
    Path redisCaFile;

    @Option(names = "--store-timeout", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.PositiveDuration.class,
            description = "Redis store: how long a request waits for Redis before it answers 503 "
                    + "(default: ${DEFAULT-VALUE})")
    Duration timeout;

    /** @throws IllegalArgumentException naming {@code --store} and its value when it names no store */
    public StoreConfig toConfig() {
        int colon = store.indexOf(':');
        String scheme = colon < 0 ? store : store.substring(0, colon);
        return switch (scheme) {
            case "memory" -> colon < 0 ? new StoreConfig.Memory() : malformed("memory takes no location");
            case "sqlite" -> new StoreConfig.Sqlite(file(store.substring(colon + 1)), sync);
            case "redis", "rediss", "redis-sentinel" -> redis(scheme);
            default -> malformed("no such store");
        };
    }

    private Path file(String location) {
        if (location.isBlank()) {
            malformed("sqlite: needs a file, like sqlite:disco-data/groups.db");
        }
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            return malformed("not a file name (" + e.getReason() + ")");
        }
    }

    private StoreConfig redis(String scheme) {
        RedisURI uri;
        boolean hostless;
        try {
            // Lettuce reads a host:port it cannot split as a host name; java.net.URI does not.
            hostless = !scheme.equals("redis-sentinel") && URI.create(store).getHost() == null;
            uri = RedisURI.create(store);
        } catch (IllegalArgumentException e) {
            return malformed("not a Redis URI (" + String.valueOf(e.getMessage()).replace(store, shown()) + ")");
        }
        if (hostless) {
            return malformed("needs HOST[:PORT]");
        }
        if (redisCaFile != null) {
            if (!uri.isSsl()) {
                throw new IllegalArgumentException("--redis-ca-file is for rediss:// only");
            }
            if (!Files.isRegularFile(redisCaFile)) {
                throw new IllegalArgumentException("--redis-ca-file " + redisCaFile + ": no such file");
            }
        }
        return new StoreConfig.Redis(uri, redisPrefix, Optional.ofNullable(redisCaFile), timeout);
    }

    private <T> T malformed(String why) {
        throw new IllegalArgumentException("--store '" + shown() + "': " + why);
    }

    /** The value without the password a Redis URI may carry: start-up errors end up in logs. */
    private String shown() {
        return store.replaceFirst("//[^/@]*@", "//***@");
    }

    /** normal or full, in any case. */
    public static final class Sync implements ITypeConverter<StoreSync> {
        @Override
        public StoreSync convert(String value) {
            return Converters.parsed(() -> StoreSync.parse(value));
        }
    }
}
