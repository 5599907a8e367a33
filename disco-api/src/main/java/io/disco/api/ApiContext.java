package io.disco.api;

import io.disco.api.store.GroupStore;
import java.time.Clock;
import java.util.Objects;

/**
 * What the process hands the discovery API beside its configuration, from its composition root
 * ({@link ApiMain}, or one that runs every service). A metrics registry is meant to join these,
 * so that the server registers its meters where the process reads them.
 *
 * @param store where the groups live, opened from {@link ApiConfig#store()}; the server owns it
 *              from then on and closes it when it stops
 * @param clock the time {@code LastUpdated} and expiry are read from
 */
public record ApiContext(GroupStore store, Clock clock) {

    public ApiContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
    }
}
