package io.disco.api;

import io.disco.api.store.StoreConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What export and import share: a store that keeps groups outside a running server. */
final class StoreTransfer {

    private StoreTransfer() {
    }

    /** The store {@code --store} names, refused when it keeps nothing outside a server. */
    static StoreConfig keeping(StoreOptions store, CommandSpec spec) {
        StoreConfig config;
        try {
            config = store.toConfig();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (config instanceof StoreConfig.Memory) {
            throw new ParameterException(spec.commandLine(),
                    "--store memory keeps groups only inside a running server; name a sqlite: file or a Redis");
        }
        return config;
    }
}
