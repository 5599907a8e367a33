package io.disco.api.group;

import io.disco.common.cli.GoDuration;
import java.time.Duration;

/**
 * How long groups live without an update: the server's default, or the group's own request
 * clamped to the operator's bounds.
 */
public record TtlPolicy(Duration defaultTtl, Duration minTtl, Duration maxTtl) {

    // The flags' defaults, as Go durations: the servers and the import command share them.
    public static final String DEFAULT_TTL = "5m0s";
    public static final String DEFAULT_MIN_TTL = "10s";
    public static final String DEFAULT_MAX_TTL = "24h0m0s";

    public TtlPolicy {
        if (minTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("--min-ttl (" + GoDuration.format(minTtl)
                    + ") is greater than --max-ttl (" + GoDuration.format(maxTtl) + ")");
        }
        if (minTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("--min-ttl must be at least 1s");
        }
    }

    /** The TTL granted for a request, in whole seconds. */
    public long grant(long requestedSeconds) {
        return Math.max(minTtl.toSeconds(), Math.min(maxTtl.toSeconds(), requestedSeconds));
    }

    /** How long a group lives: its granted TTL, or the default when it has none. */
    public Duration lifetime(Long grantedSeconds) {
        return grantedSeconds == null ? defaultTtl : Duration.ofSeconds(grantedSeconds);
    }
}
