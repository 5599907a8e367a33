package io.disco.turn;

import io.disco.common.apps.AppDirectory;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the process hands the TURN server beside its configuration: the things it shares with the
 * other services of its composition root ({@link TurnMain}, or one that runs every service). A
 * metrics registry is meant to join the clock here, so that the server registers its counters
 * where the process reads them.
 *
 * @param clock the time allocations, permissions, nonces and limits expire by
 * @param apps  the registered applications, in the store the process shares with the discovery
 *              API; what {@code --apps registered} needs, and what a lone TURN server does not have
 */
public record TurnContext(Clock clock, Optional<AppDirectory> apps) {

    public TurnContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(apps, "apps");
    }

    /** A context without registered applications: enough for {@code --apps open}. */
    public TurnContext(Clock clock) {
        this(clock, Optional.empty());
    }
}
