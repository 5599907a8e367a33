package io.disco.turn;

import java.time.Clock;
import java.util.Objects;

/**
 * What the process hands the TURN server beside its configuration: the things it shares with the
 * other services of its composition root ({@link TurnMain}, or one that runs every service). A
 * metrics registry is meant to join the clock here, so that the server registers its counters
 * where the process reads them.
 *
 * @param clock the time allocations, permissions, nonces and limits expire by
 */
public record TurnContext(Clock clock) {

    public TurnContext {
        Objects.requireNonNull(clock, "clock");
    }
}
