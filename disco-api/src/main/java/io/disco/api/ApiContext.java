package io.disco.api;

import io.disco.api.store.AppStore;
import io.disco.api.store.InMemoryAppStore;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import io.disco.ops.Operations;
import java.time.Clock;
import java.util.Objects;

/**
 * What the process hands the discovery API beside its configuration, from its composition root
 * ({@link ApiMain}, or one that runs every service). The server registers its meters and health
 * checks in the process's {@link Operations}.
 *
 * @param store where the groups live, opened from {@link ApiConfig#store()}; the server owns it
 *              from then on and closes it when it stops
 * @param apps  where the registered applications live, beside the groups; owned likewise. What a
 *              process running the router and the relay too hands them as their
 *              {@link io.disco.common.apps.AppDirectory}
 * @param clock the time {@code LastUpdated}, expiry and application keys are read from
 * @param operations where its meters and health checks go, shown on the process's metrics listener
 */
public record ApiContext(GroupStore store, AppStore apps, Clock clock, Operations operations) {

    public ApiContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(operations, "operations");
    }

    /** Applications in memory beside {@code store}: enough for open mode and for tests. */
    public ApiContext(GroupStore store, Clock clock) {
        this(store, new InMemoryAppStore(store), clock, new Operations());
    }

    /** The groups and the applications of the store {@code config} names. */
    public static ApiContext open(StoreConfig config, Clock clock, Operations operations) {
        GroupStore groups = config.open(clock);
        try {
            return new ApiContext(groups, config.openApps(groups), clock, operations);
        } catch (RuntimeException e) {
            groups.close();
            throw e;
        }
    }
}
