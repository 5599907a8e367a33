package io.disco.api;

import io.disco.api.ice.LocalRelay;
import io.disco.api.store.AppStore;
import io.disco.api.store.InMemoryAppStore;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import io.disco.ops.Operations;
import io.disco.redis.fleet.TurnFleet;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

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
 * @param clock the time {@code LastUpdated}, expiry, application keys and TURN credentials are read from
 * @param operations where its meters and health checks go, shown on the process's metrics listener
 * @param localRelay the TURN server of the same process, whose URLs {@code GET /ice-servers} hands
 *              out when no {@code --ice-url} is given
 * @param fleet the TURN servers announcing themselves in Redis ({@code --cluster}), whose live ones
 *              {@code GET /ice-servers} hands out before anything else; the process closes it
 */
public record ApiContext(GroupStore store, AppStore apps, Clock clock, Operations operations,
                         Optional<LocalRelay> localRelay, Optional<TurnFleet> fleet) {

    public ApiContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(localRelay, "localRelay");
        Objects.requireNonNull(fleet, "fleet");
    }

    /** Applications in memory beside {@code store}: enough for open mode and for tests. */
    public ApiContext(GroupStore store, Clock clock) {
        this(store, new InMemoryAppStore(store), clock, new Operations(), Optional.empty(), Optional.empty());
    }

    /** This context, in a process that runs {@code relay} too. */
    public ApiContext withLocalRelay(LocalRelay relay) {
        return new ApiContext(store, apps, clock, operations, Optional.of(relay), fleet);
    }

    /** This context, handing out the live servers of {@code fleet}. */
    public ApiContext withFleet(TurnFleet turnFleet) {
        return new ApiContext(store, apps, clock, operations, localRelay, Optional.of(turnFleet));
    }

    /** The groups and the applications of the store {@code config} names. */
    public static ApiContext open(StoreConfig config, Clock clock, Operations operations) {
        GroupStore groups = config.open(clock);
        try {
            return new ApiContext(groups, config.openApps(groups), clock, operations, Optional.empty(),
                    Optional.empty());
        } catch (RuntimeException e) {
            groups.close();
            throw e;
        }
    }
}
