package io.disco.api;

import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A subcommand that works on the store {@code --store} names, outside any running server: export, import. */
abstract class StoreCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
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
        Clock clock = Clock.systemUTC();
        try (GroupStore groups = config.open(clock)) {
            return run(groups, clock);
        }
    }

    /** @return the exit code */
    abstract int run(GroupStore groups, Clock clock) throws Exception;
}
