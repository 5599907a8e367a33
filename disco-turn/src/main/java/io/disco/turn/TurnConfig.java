package io.disco.turn;

import io.disco.common.net.Cidr;
import io.disco.common.tls.TlsIdentity;
import io.disco.turn.allocation.Bandwidth;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the TURN server needs, parsed and checked, in the groups its flags come in.
 *
 * @param listeners where clients reach the server
 * @param auth      who may allocate
 * @param relay     the relayed addresses and ports
 * @param peers     which peers may be relayed to
 * @param limits    how much one user, one allocation and the server may hold
 * @param apps      whether only registered applications' clients authenticate, and what one app may hold
 * @param draining  where new clients are sent while the server drains
 */
public record TurnConfig(Listeners listeners, Auth auth, Relay relay, Peers peers, Limits limits, Apps apps,
                         Draining draining) {

    public TurnConfig {
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(draining, "draining");
        if (apps.registered() && auth.secrets().isEmpty()) {
            throw new IllegalArgumentException("--apps registered needs --auth-secret: registered applications'"
                    + " clients authenticate with time-limited credentials made with it");
        }
    }

    /** No alternate server to send new clients to while draining. */
    public TurnConfig(Listeners listeners, Auth auth, Relay relay, Peers peers, Limits limits, Apps apps) {
        this(listeners, auth, relay, peers, limits, apps, Draining.REFUSE);
    }

    /** Open mode, the original's: every user the credentials know. */
    public TurnConfig(Listeners listeners, Auth auth, Relay relay, Peers peers, Limits limits) {
        this(listeners, auth, relay, peers, limits, Apps.OPEN);
    }

    /**
     * Where clients reach the server.
     *
     * @param port        {@code --ice-port}: STUN/TURN over UDP and TCP; 0 picks a free one (tests)
     * @param tlsPort     {@code --ice-tls-port}: TURN over TLS; 0 picks a free one (tests)
     * @param tlsIdentity the certificate TURN over TLS is served with; null turns TLS off
     */
    public record Listeners(int port, int tlsPort, TlsIdentity tlsIdentity) {
        public Listeners {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--ice-port must be between 0 and 65535");
            }
            if (tlsPort < 0 || tlsPort > 65535) {
                throw new IllegalArgumentException("--ice-tls-port must be between 0 and 65535");
            }
        }

        /** Whether TURN over TLS is served. */
        public boolean servesTls() {
            return tlsIdentity != null;
        }
    }

    /**
     * Long-term credentials.
     *
     * @param realm    {@code --realm}
     * @param username {@code --ice-username}: the static user
     * @param password {@code --ice-password}: the static user's password
     * @param secrets  {@code --auth-secret}: shared secrets of time-limited ("TURN REST API")
     *                 credentials; none turns them off
     */
    public record Auth(String realm, String username, String password, List<String> secrets) {
        public Auth {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            secrets = List.copyOf(secrets);
            if (realm.isBlank()) {
                throw new IllegalArgumentException("--realm must not be empty");
            }
            if (username.isEmpty()) {
                throw new IllegalArgumentException("--ice-username must not be empty");
            }
            if (secrets.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("--auth-secret must not be empty");
            }
        }
    }

    /**
     * The relayed addresses and ports.
     *
     * @param address {@code --address}: the address XOR-RELAYED-ADDRESS carries; the unspecified
     *                address ({@code 0.0.0.0}, the original's default) means "the server address the
     *                client's request arrived on"
     * @param bind    {@code --relay-bind}: the address relay sockets bind to; unspecified for all
     * @param minPort {@code --min-port}: the lowest relay port
     * @param maxPort {@code --max-port}: the highest relay port
     */
    public record Relay(InetAddress address, InetAddress bind, int minPort, int maxPort) {
        public Relay {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(bind, "bind");
            if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
                throw new IllegalArgumentException(
                        "--min-port and --max-port must satisfy 1 <= --min-port <= --max-port <= 65535");
            }
        }

        /** Whether {@code --address} was left unspecified, so the relayed address follows the client's server address. */
        public boolean advertisesArrivalAddress() {
            return address.isAnyLocalAddress();
        }
    }

    /**
     * Which peers may be relayed to.
     *
     * @param allow         {@code --allow-peer}: ranges relayed to even when a built-in rule would deny them
     * @param deny          {@code --deny-peer}: ranges never relayed to
     * @param allowLoopback {@code --allow-loopback-peers}: whether loopback peers may be relayed to
     *                      (tests, single-host demos)
     */
    public record Peers(List<Cidr> allow, List<Cidr> deny, boolean allowLoopback) {
        public Peers {
            allow = List.copyOf(allow);
            deny = List.copyOf(deny);
        }
    }

    /**
     * How much the server, one user and one allocation may hold.
     *
     * @param maxAllocations        {@code --max-allocations}: allocations the server holds at most
     * @param maxAllocationsPerUser {@code --max-allocations-per-user}: allocations one user holds at most
     * @param maxLifetime           {@code --max-lifetime}: the longest lifetime an allocation may ask for
     * @param maxBandwidth          {@code --max-bandwidth}: the most relayed data per second one
     *                              allocation may carry
     */
    public record Limits(int maxAllocations, int maxAllocationsPerUser, Duration maxLifetime, Bandwidth maxBandwidth) {
        public Limits {
            Objects.requireNonNull(maxLifetime, "maxLifetime");
            Objects.requireNonNull(maxBandwidth, "maxBandwidth");
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
    }

    /**
     * Registered applications ({@code --apps}).
     *
     * @param mode                 open: the static user and every time-limited user, as the
     *                             original; registered: only time-limited users named
     *                             {@code expiry:AppID} of a registered application
     * @param maxAllocationsPerApp {@code --max-allocations-per-app}: allocations the clients of
     *                             one application hold at most, in registered mode (where it
     *                             takes the place of {@code --max-allocations-per-user})
     */
    public record Apps(Mode mode, int maxAllocationsPerApp) {

        public static final int DEFAULT_MAX_ALLOCATIONS_PER_APP = 1000;
        public static final Apps OPEN = new Apps(Mode.OPEN, DEFAULT_MAX_ALLOCATIONS_PER_APP);

        /** How clients authenticate. */
        public enum Mode { OPEN, REGISTERED }

        public Apps {
            Objects.requireNonNull(mode, "mode");
            if (maxAllocationsPerApp < 1) {
                throw new IllegalArgumentException("--max-allocations-per-app must be at least 1");
            }
        }

        public boolean registered() {
            return mode == Mode.REGISTERED;
        }
    }

    /**
     * What a draining server answers a new Allocate.
     *
     * @param alternateServer {@code --alternate-server}: 300 (Try Alternate) naming it; none: 403
     */
    public record Draining(Optional<InetSocketAddress> alternateServer) {

        public static final Draining REFUSE = new Draining(Optional.empty());

        public Draining {
            Objects.requireNonNull(alternateServer, "alternateServer");
        }
    }
}
