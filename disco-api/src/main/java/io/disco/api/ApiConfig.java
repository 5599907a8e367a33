package io.disco.api;

import io.disco.api.apps.AppsConfig;
import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.TtlPolicy;
import io.disco.api.cors.WebOrigin;
import io.disco.api.ice.IceConfig;
import io.disco.api.quorum.QuorumFloor;
import io.disco.api.store.StoreConfig;
import io.disco.api.throttle.WriteLimit;
import io.disco.common.tls.TlsIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the discovery service needs, parsed and checked.
 *
 * @param host          interface to listen on; {@code 0.0.0.0} for all, as the original
 * @param port          HTTPS port; 0 picks a free one (tests)
 * @param tls           certificate and key
 * @param store         which store keeps the groups
 * @param ttl           group lifetimes
 * @param sweepInterval how often expired groups are deleted ({@code --ttl-hearbeat})
 * @param maxBodyBytes  largest request body accepted
 * @param limits        largest group accepted
 * @param quota         most groups kept, in all and per application
 * @param writes        how fast one client address may write
 * @param corsOrigins   web origins whose pages may call the API from a browser; none by default
 * @param minQuorum     the weakest Quorum a new group gets ({@code --min-quorum})
 * @param apps          open or registered mode, and the admin API ({@code --apps}, {@code --admin-token-file})
 * @param ice           what {@code GET /ice-servers} hands out ({@code --ice-url}, {@code --auth-secret},
 *                      {@code --ice-ttl})
 * @param accessLog     whether a line is logged for each request ({@code --access-log})
 */
public record ApiConfig(String host, int port, TlsIdentity tls, StoreConfig store, TtlPolicy ttl,
                        Duration sweepInterval, long maxBodyBytes, GroupLimits limits, GroupQuota quota,
                        WriteLimit writes, List<WebOrigin> corsOrigins, QuorumFloor minQuorum, AppsConfig apps,
                        IceConfig ice, boolean accessLog) {

    /** All interfaces, as the original; the flags' defaults live in {@link ApiOptions}. */
    public static final String DEFAULT_HOST = "0.0.0.0";

    public ApiConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(writes, "writes");
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(minQuorum, "minQuorum");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(ice, "ice");
    }

    /** No ICE servers to hand out, and no access log. */
    public ApiConfig(String host, int port, TlsIdentity tls, StoreConfig store, TtlPolicy ttl, Duration sweepInterval,
            long maxBodyBytes, GroupLimits limits, GroupQuota quota, WriteLimit writes, List<WebOrigin> corsOrigins,
            QuorumFloor minQuorum, AppsConfig apps) {
        this(host, port, tls, store, ttl, sweepInterval, maxBodyBytes, limits, quota, writes, corsOrigins, minQuorum,
                apps, IceConfig.none(), false);
    }

    /** Open mode without an admin API, the original's behaviour. */
    public ApiConfig(String host, int port, TlsIdentity tls, StoreConfig store, TtlPolicy ttl, Duration sweepInterval,
            long maxBodyBytes, GroupLimits limits, GroupQuota quota, WriteLimit writes, List<WebOrigin> corsOrigins,
            QuorumFloor minQuorum) {
        this(host, port, tls, store, ttl, sweepInterval, maxBodyBytes, limits, quota, writes, corsOrigins, minQuorum,
                AppsConfig.open());
    }
}
