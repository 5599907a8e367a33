package io.disco.api;

import io.disco.api.store.StoreConfig;
import io.disco.api.store.sqlite.StoreSync;
import io.disco.common.cli.Converters;
import io.disco.redis.RedisLocation;
import io.disco.redis.RedisOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
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
                    + "or a Redis that several API nodes, routers and TURN servers share: " + RedisLocation.FORMS
                    + " (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--store-sync", paramLabel = "normal|full", defaultValue = "normal", converter = Sync.class,
            description = "SQLite store: normal survives a crash of the process, full also a power loss, "
                    + "at some cost per write (default: ${DEFAULT-VALUE})")
    StoreSync sync;

    @Mixin
    RedisOptions redis;

    /** @throws IllegalArgumentException naming {@code --store} and its value when it names no store */
    public StoreConfig toConfig() {
        int colon = store.indexOf(':');
        String scheme = colon < 0 ? store : store.substring(0, colon);
        return switch (scheme) {
            case "memory" -> colon < 0 ? new StoreConfig.Memory() : malformed("memory takes no location");
            case "sqlite" -> new StoreConfig.Sqlite(file(store.substring(colon + 1)), sync);
            case "redis", "rediss", "redis-sentinel" -> new StoreConfig.Redis(redis.location("--store", store));
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

    private <T> T malformed(String why) {
        throw RedisLocation.malformed("--store", store, why);
    }

    /** normal or full, in any case. */
    public static final class Sync implements ITypeConverter<StoreSync> {
        @Override
        public StoreSync convert(String value) {
            return Converters.parsed(() -> StoreSync.parse(value));
        }
    }
}
