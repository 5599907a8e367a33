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
 * @param apps  the registered applications: the discovery API's store in the same process, or the
 *              Redis it shares ({@code --store}) for a TURN server on its own; what
 *              {@code --apps registered} needs
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
