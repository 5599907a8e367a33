package io.disco.signal;

import java.time.Clock;
import java.util.Objects;

/**
 * What the process hands the signaling router beside its configuration: the things it shares with
 * the other services of its composition root ({@link SignalMain}, or one that runs every service).
 * A metrics registry is meant to join the clock here, so that the server registers its counters
 * where the process reads them.
 *
 * @param clock the time keepalive silences are measured by, and registrations and subscriptions
 *              are stamped with (the meta API shows it)
 */
public record SignalContext(Clock clock) {

    public SignalContext {
        Objects.requireNonNull(clock, "clock");
    }
}
