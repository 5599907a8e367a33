package io.disco.ops;

import io.disco.common.admin.AdminToken;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The operators' listener of one process: plain HTTP, for Prometheus and the load balancer,
 * apart from the service's own ports.
 *
 * @param host         where it listens ({@code --metrics-host})
 * @param port         its port ({@code --metrics-port}, 0 for any free one); empty when it is off
 * @param drainTimeout how long {@code disco.jar drain} waits for work in progress to end
 * @param adminToken   what {@code POST /drain} must present when {@code host} is not loopback
 */
public record OpsConfig(InetAddress host, OptionalInt port, Duration drainTimeout, Optional<AdminToken> adminToken) {

    /** No listener: what tests and embedders get unless they ask. */
    public static final OpsConfig OFF = new OpsConfig(InetAddress.getLoopbackAddress(), OptionalInt.empty(),
            Duration.ofSeconds(30), Optional.empty());

    public OpsConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(adminToken, "adminToken");
        if (drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalArgumentException("--drain-timeout must be positive");
        }
        if (port.isPresent() && !host.isLoopbackAddress() && adminToken.isEmpty()) {
            // Anyone who reaches the listener could otherwise take the node out of its fleet.
            throw new IllegalArgumentException("--metrics-host " + host.getHostAddress() + " is reachable from other"
                    + " hosts: give --admin-token-file, whose token POST /drain then needs");
        }
    }

    /** Whether {@code POST /drain} needs the admin token: when others than this host reach the listener. */
    public boolean drainNeedsToken() {
        return !host.isLoopbackAddress();
    }

    /** @throws IllegalArgumentException naming {@code --metrics-host} when it does not resolve */
    public static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--metrics-host " + host + ": unknown host");
        }
    }
}
