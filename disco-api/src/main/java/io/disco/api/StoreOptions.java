package io.disco.api;

import io.disco.api.store.StoreConfig;
import picocli.CommandLine.Option;

/**
 * The flags that choose where the groups live. {@code --store} is one value whose scheme names
 * the kind of store, parsed here into its {@link StoreConfig}: one branch per scheme.
 */
public final class StoreOptions {

    @Option(names = "--store", paramLabel = "STORE", defaultValue = "memory",
            description = "Where groups are kept: memory (lost on restart) (default: ${DEFAULT-VALUE})")
    String store;

    /** @throws IllegalArgumentException naming {@code --store} and its value when it names no store */
    public StoreConfig toConfig() {
        int colon = store.indexOf(':');
        String scheme = colon < 0 ? store : store.substring(0, colon);
        return switch (scheme) {
            case "memory" -> colon < 0 ? new StoreConfig.Memory() : malformed("memory takes no location");
            default -> malformed("no such store");
        };
    }

    private StoreConfig malformed(String why) {
        throw new IllegalArgumentException("--store '" + store + "': " + why);
    }
}
