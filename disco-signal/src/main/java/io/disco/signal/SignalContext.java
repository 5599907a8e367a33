package io.disco.signal;

import io.disco.common.apps.AppDirectory;
import io.disco.ops.Operations;
import io.disco.signal.cluster.RedisCluster;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the process hands the signaling router beside its configuration: the things it shares with
 * the other services of its composition root ({@link SignalMain}, or one that runs every service).
 * The server registers its meters, health checks and what it drains in the process's
 * {@link Operations}.
 *
 * @param clock the time keepalive silences are measured by, registrations and subscriptions are
 *              stamped with (the meta API shows it), and app keys are checked at
 * @param apps  the registered applications: the discovery API's store in the same process, or the
 *              Redis it shares ({@code --store}) for a router on its own; what {@code --apps registered} needs
 * @param operations where its meters, health checks and drain go, shown on the process's
 *                   metrics listener
 * @param cluster    the cluster of routers this one acts as one with ({@code --cluster}), joined
 *                   already; the process closes it after the server stopped
 */
public record SignalContext(Clock clock, Optional<AppDirectory> apps, Operations operations,
                            Optional<RedisCluster> cluster) {

    public SignalContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(cluster, "cluster");
    }

    /** A router on its own. */
    public SignalContext(Clock clock, Optional<AppDirectory> apps, Operations operations) {
        this(clock, apps, operations, Optional.empty());
    }

    /** A context whose meters no listener shows: enough for tests and embedding. */
    public SignalContext(Clock clock, Optional<AppDirectory> apps) {
        this(clock, apps, new Operations());
    }

    /** A context without registered applications: enough for {@code --apps open}. */
    public SignalContext(Clock clock) {
        this(clock, Optional.empty());
    }
}
