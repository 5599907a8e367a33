package io.disco.api;

import io.disco.api.ice.LocalRelay;
import io.disco.api.store.AppStore;
import io.disco.api.store.InMemoryAppStore;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the process hands the discovery API beside its configuration, from its composition root
 * ({@link ApiMain}, or one that runs every service). A metrics registry is meant to join these,
 * so that the server registers its meters where the process reads them.
 *
 * @param store where the groups live, opened from {@link ApiConfig#store()}; the server owns it
 *              from then on and closes it when it stops
 * @param apps  where the registered applications live, beside the groups; owned likewise. What a
 *              process running the router and the relay too hands them as their
 *              {@link io.disco.common.apps.AppDirectory}
 * @param clock the time {@code LastUpdated}, expiry, application keys and TURN credentials are read from
 * @param localRelay the TURN server of the same process, whose URLs {@code GET /ice-servers} hands
 *              out when no {@code --ice-url} is given
 */
public record ApiContext(GroupStore store, AppStore apps, Clock clock, Optional<LocalRelay> localRelay) {

    public ApiContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(localRelay, "localRelay");
    }

    public ApiContext(GroupStore store, AppStore apps, Clock clock) {
        this(store, apps, clock, Optional.empty());
    }

    /** Applications in memory beside {@code store}: enough for open mode and for tests. */
    public ApiContext(GroupStore store, Clock clock) {
        this(store, new InMemoryAppStore(store), clock);
    }

    /** This context, in a process that runs {@code relay} too. */
    public ApiContext withLocalRelay(LocalRelay relay) {
        return new ApiContext(store, apps, clock, Optional.of(relay));
    }

    /** The groups and the applications of the store {@code config} names. */
    public static ApiContext open(StoreConfig config, Clock clock) {
        GroupStore groups = config.open(clock);
        try {
            return new ApiContext(groups, config.openApps(groups), clock);
        } catch (RuntimeException e) {
            groups.close();
            throw e;
        }
    }
}
