package io.disco.turn;

import io.disco.common.tls.TlsIdentity;
import io.disco.turn.allocation.Bandwidth;
import io.disco.turn.peer.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the TURN server needs, parsed and checked.
 *
 * @param address               the address XOR-RELAYED-ADDRESS carries; the unspecified address
 *                              ({@code 0.0.0.0}, the original's default) means "the server address
 *                              the client's request arrived on"
 * @param port                  STUN/TURN port, UDP and TCP; 0 picks a free one (tests)
 * @param realm                 the long-term-credential realm
 * @param username              the static user
 * @param password              the static user's password
 * @param relayBind             the address relay sockets bind to; unspecified for all
 * @param minPort               lowest relay port
 * @param maxPort               highest relay port
 * @param authSecrets           shared secrets of time-limited ("TURN REST API") credentials; none turns them off
 * @param allowPeers            peer ranges relayed to even when a built-in rule would deny them
 * @param denyPeers             peer ranges never relayed to
 * @param allowLoopbackPeers    whether loopback peers may be relayed to (tests, single-host demos)
 * @param maxAllocations        allocations the server holds at most
 * @param maxAllocationsPerUser allocations one user holds at most
 * @param maxLifetime           the longest lifetime an allocation may ask for
 * @param maxBandwidth          the most relayed data per second one allocation may carry
 * @param tlsPort               TURN over TLS port; 0 picks a free one (tests)
 * @param tlsIdentity           the certificate TURN over TLS is served with; null turns TLS off
 */
public record TurnConfig(InetAddress address, int port, String realm, String username, String password,
                         InetAddress relayBind, int minPort, int maxPort, List<String> authSecrets,
                         List<Cidr> allowPeers, List<Cidr> denyPeers, boolean allowLoopbackPeers,
                         int maxAllocations, int maxAllocationsPerUser, Duration maxLifetime,
                         Bandwidth maxBandwidth, int tlsPort, TlsIdentity tlsIdentity) {

    /** The default TURN over TLS port (RFC 5766 §6, "turns"). */
    public static final int DEFAULT_TLS_PORT = 5349;

    public TurnConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(relayBind, "relayBind");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(maxBandwidth, "maxBandwidth");
        authSecrets = List.copyOf(authSecrets);
        allowPeers = List.copyOf(allowPeers);
        denyPeers = List.copyOf(denyPeers);
        if (realm.isBlank()) {
            throw new IllegalArgumentException("--realm must not be empty");
        }
        if (username.isEmpty()) {
            throw new IllegalArgumentException("--ice-username must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--ice-port must be between 0 and 65535");
        }
        if (tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("--ice-tls-port must be between 0 and 65535");
        }
        if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
            throw new IllegalArgumentException("--min-port and --max-port must satisfy 1 <= --min-port <= --max-port <= 65535");
        }
        if (authSecrets.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--auth-secret must not be empty");
        }
        if (maxAllocations < 1) {
            throw new IllegalArgumentException("--max-allocations must be at least 1");
        }
        if (maxAllocationsPerUser < 1) {
            throw new IllegalArgumentException("--max-allocations-per-user must be at least 1");
        }
        if (maxLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--max-lifetime must be at least 1s");
        }
    }

    /** Without TLS, and without a bandwidth limit. */
    public TurnConfig(InetAddress address, int port, String realm, String username, String password,
                      InetAddress relayBind, int minPort, int maxPort, List<String> authSecrets,
                      List<Cidr> allowPeers, List<Cidr> denyPeers, boolean allowLoopbackPeers,
                      int maxAllocations, int maxAllocationsPerUser, Duration maxLifetime) {
        this(address, port, realm, username, password, relayBind, minPort, maxPort, authSecrets, allowPeers,
                denyPeers, allowLoopbackPeers, maxAllocations, maxAllocationsPerUser, maxLifetime, Bandwidth.UNLIMITED,
                DEFAULT_TLS_PORT, null);
    }

    /** Whether TURN over TLS is served. */
    public boolean servesTls() {
        return tlsIdentity != null;
    }

    /** Whether {@code --address} was left unspecified, so the relayed address follows the client's server address. */
    public boolean advertisesArrivalAddress() {
        return address.isAnyLocalAddress();
    }
}
