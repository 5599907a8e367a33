package io.disco.api.ice;

import io.disco.common.ice.IceUrl;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /ice-servers} hands out.
 *
 * @param urls    the STUN and TURN servers' URLs ({@code --ice-url}); none: the relay of this
 *                process, when there is one ({@link LocalRelay}), or nothing to hand out
 * @param secrets the TURN servers' shared secrets ({@code --auth-secret}); credentials are signed
 *                with the first, the others being there for the TURN side's rotation
 * @param ttl     how long a credential works ({@code --ice-ttl})
 */
public record IceConfig(List<IceUrl> urls, List<String> secrets, Duration ttl) {

    public static final String DEFAULT_TTL = "24h0m0s";

    public IceConfig {
        urls = List.copyOf(urls);
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--ice-ttl must be at least 1s: credentials expire in whole seconds");
        }
        if (secrets.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--auth-secret must not be empty");
        }
    }

    /** Nothing configured: {@code GET /ice-servers} answers 404 unless this process runs a relay. */
    public static IceConfig none() {
        return new IceConfig(List.of(), List.of(), Duration.ofHours(24));
    }

    /** The secret credentials are signed with. */
    public Optional<String> signingSecret() {
        return secrets.stream().findFirst();
    }
}
