package io.disco.api;

import io.disco.api.group.GroupLimits;
import io.disco.api.group.TtlPolicy;
import io.disco.common.tls.TlsIdentity;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the discovery service needs, parsed and checked.
 *
 * @param host          interface to listen on; {@code 0.0.0.0} for all, as the original
 * @param port          HTTPS port; 0 picks a free one (tests)
 * @param tls           certificate and key
 * @param ttl           group lifetimes
 * @param sweepInterval how often expired groups are deleted ({@code --ttl-hearbeat})
 * @param maxBodyBytes  largest request body accepted
 * @param limits        largest group accepted
 */
public record ApiConfig(String host, int port, TlsIdentity tls, TtlPolicy ttl, Duration sweepInterval,
                        long maxBodyBytes, GroupLimits limits) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 1443;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(24);
    public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public ApiConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(limits, "limits");
    }

    /** The defaults of every setting but the certificate, on the given port. */
    public static ApiConfig defaults(TlsIdentity tls, int port) {
        return new ApiConfig(DEFAULT_HOST, port, tls, new TtlPolicy(DEFAULT_TTL, DEFAULT_MIN_TTL, DEFAULT_MAX_TTL),
                DEFAULT_SWEEP_INTERVAL, DEFAULT_MAX_BODY_BYTES, GroupLimits.defaults());
    }
}
