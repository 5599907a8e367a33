package io.disco.signal;

import io.disco.common.apps.AppDirectory;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the process hands the signaling router beside its configuration: the things it shares with
 * the other services of its composition root ({@link SignalMain}, or one that runs every service).
 * A metrics registry is meant to join the clock here, so that the server registers its counters
 * where the process reads them.
 *
 * @param clock the time keepalive silences are measured by, registrations and subscriptions are
 *              stamped with (the meta API shows it), and app keys are checked at
 * @param apps  the registered applications: the discovery API's store in the same process, or the
 *              Redis it shares ({@code --store}) for a router on its own; what {@code --apps registered} needs
 */
public record SignalContext(Clock clock, Optional<AppDirectory> apps) {

    public SignalContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(apps, "apps");
    }

    /** A context without registered applications: enough for {@code --apps open}. */
    public SignalContext(Clock clock) {
        this(clock, Optional.empty());
    }
}
