package io.disco.turn;

import io.disco.common.apps.AppDirectory;
import io.disco.ops.Operations;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the process hands the TURN server beside its configuration: the things it shares with the
 * other services of its composition root ({@link TurnMain}, or one that runs every service). The
 * server registers its meters, health checks and what it drains in the process's
 * {@link Operations}.
 *
 * @param clock the time allocations, permissions, nonces and limits expire by
 * @param apps  the registered applications: the discovery API's store in the same process, or the
 *              Redis it shares ({@code --store}) for a TURN server on its own; what
 *              {@code --apps registered} needs
 * @param operations where its meters, health checks and drain go, shown on the process's
 *                   metrics listener
 * @param fleet the fleet it announces itself in while it runs ({@code --cluster}), whose
 *              live servers it sends new clients to while it drains
 */
public record TurnContext(Clock clock, Optional<AppDirectory> apps, Operations operations,
                          Optional<FleetMembership> fleet) {

    public TurnContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(fleet, "fleet");
    }

    /** A server of no fleet. */
    public TurnContext(Clock clock, Optional<AppDirectory> apps, Operations operations) {
        this(clock, apps, operations, Optional.empty());
    }

    /** A context whose meters no listener shows: enough for tests and embedding. */
    public TurnContext(Clock clock, Optional<AppDirectory> apps) {
        this(clock, apps, new Operations());
    }

    /** A context without registered applications: enough for {@code --apps open}. */
    public TurnContext(Clock clock) {
        this(clock, Optional.empty());
    }
}
