package io.disco.turn;

import io.disco.common.cli.ByteSize;
import io.disco.common.cli.Converters;
import io.disco.common.net.Cidr;
import io.disco.common.net.IpLiteral;
import io.disco.common.tls.TlsIdentity;
import io.disco.turn.allocation.Bandwidth;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The TURN server's flags: the original's names and defaults, then this server's additions. */
public final class TurnOptions {

    @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "0.0.0.0", converter = IpAddress.class,
            description = "Advertise address of the TURN relay (use the public address; 0.0.0.0: the one each"
                    + " client used) (default: ${DEFAULT-VALUE})")
    InetAddress address;

    @Option(names = "--ice-port", paramLabel = "PORT", defaultValue = "3478", converter = Converters.Port.class,
            description = "ICE (STUN/TURN) server port, UDP and TCP (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--ice-tls-port", paramLabel = "PORT", defaultValue = "5349", converter = Converters.Port.class,
            description = "TURN over TLS port, served when a certificate is given (--cert-file)"
                    + " (default: ${DEFAULT-VALUE})")
    int tlsPort;

    @Option(names = "--ice-username", paramLabel = "NAME", defaultValue = "test",
            description = "ICE server username; the static TURN user, off with --apps registered (default: ${DEFAULT-VALUE})")
    String username;

    @Option(names = "--ice-password", paramLabel = "PASSWORD", defaultValue = "test",
            description = "ICE server password corresponding to the username (default: ${DEFAULT-VALUE})")
    String password;

    @Option(names = "--relay-bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0", converter = IpAddress.class,
            description = "Interface the relay sockets bind to (default: ${DEFAULT-VALUE}, all)")
    InetAddress relayBind;

    @Option(names = "--min-port", paramLabel = "PORT", defaultValue = "49152", converter = Converters.Port.class,
            description = "Lowest relay port (default: ${DEFAULT-VALUE})")
    int minPort;

    @Option(names = "--max-port", paramLabel = "PORT", defaultValue = "65535", converter = Converters.Port.class,
            description = "Highest relay port (default: ${DEFAULT-VALUE})")
    int maxPort;

    // Comma-separated lists too, so one DISCO_ variable can carry several (a secret holds no comma).
    @Option(names = "--auth-secret", paramLabel = "SECRET", split = ",",
            description = "Shared secret of time-limited TURN REST API credentials (username expiry[:user],"
                    + " password base64(HMAC-SHA1(secret, username))); repeat to rotate (default: none)")
    List<String> authSecrets = new ArrayList<>();

    @Option(names = "--allow-peer", paramLabel = "CIDR", converter = Converters.AddressRange.class, split = ",",
            description = "Peer range the relay may send to although a built-in rule denies it; repeatable")
    List<Cidr> allowPeers = new ArrayList<>();

    @Option(names = "--deny-peer", paramLabel = "CIDR", converter = Converters.AddressRange.class, split = ",",
            description = "Peer range the relay never sends to; repeatable (the most specific of"
                    + " --allow-peer and --deny-peer wins)")
    List<Cidr> denyPeers = new ArrayList<>();

    @Option(names = "--allow-loopback-peers", defaultValue = "false",
            description = "Relay to loopback peers too (tests, single-host demos) (default: ${DEFAULT-VALUE})")
    boolean allowLoopbackPeers;

    @Option(names = "--max-allocations", paramLabel = "N", defaultValue = "10000",
            description = "Allocations the server holds at most (default: ${DEFAULT-VALUE})")
    int maxAllocations;

    @Option(names = "--max-allocations-per-user", paramLabel = "N", defaultValue = "100",
            description = "Allocations one user holds at most; with --apps registered, see --max-allocations-per-app"
                    + " (default: ${DEFAULT-VALUE})")
    int maxAllocationsPerUser;

    @Option(names = "--max-allocations-per-app", paramLabel = "N",
            defaultValue = "" + TurnConfig.Apps.DEFAULT_MAX_ALLOCATIONS_PER_APP,
            description = "With --apps registered, allocations the clients of one application hold at most"
                    + " (default: ${DEFAULT-VALUE})")
    int maxAllocationsPerApp;

    @Option(names = "--max-lifetime", paramLabel = "DURATION", defaultValue = "1h0m0s",
            converter = Converters.PositiveDuration.class,
            description = "Longest lifetime an allocation may ask for (default: ${DEFAULT-VALUE})")
    Duration maxLifetime;

    @Option(names = "--max-bandwidth", paramLabel = "SIZE", defaultValue = "0", converter = BytesPerSecond.class,
            description = "Most relayed data per second one allocation may carry, both ways together, e.g. 2MiB;"
                    + " 0 for no limit (default: ${DEFAULT-VALUE})")
    Bandwidth maxBandwidth;

    @Option(names = "--alternate-server", paramLabel = "ADDRESS:PORT", converter = AlternateServer.class,
            description = "While draining, answer a new Allocate with 300 (Try Alternate) naming this TURN server, an"
                    + " IP address and port ([::1]:3478 for IPv6); without it, 403 (default: none)")
    InetSocketAddress alternateServer;

    /**
     * The configuration, TURN over TLS served with {@code tlsIdentity} (null: no TLS).
     *
     * @throws IllegalArgumentException naming the flag when a value does not fit
     */
    public TurnConfig toConfig(String realm, TurnConfig.Apps.Mode apps, TlsIdentity tlsIdentity) {
        return new TurnConfig(
                new TurnConfig.Listeners(port, tlsPort, tlsIdentity),
                new TurnConfig.Auth(realm, username, password, authSecrets),
                new TurnConfig.Relay(address, relayBind, minPort, maxPort),
                new TurnConfig.Peers(allowPeers, denyPeers, allowLoopbackPeers),
                new TurnConfig.Limits(maxAllocations, maxAllocationsPerUser, maxLifetime, maxBandwidth),
                new TurnConfig.Apps(apps, maxAllocationsPerApp),
                new TurnConfig.Draining(Optional.ofNullable(alternateServer)));
    }

    /** The configuration in open mode, TURN over TLS served with {@code tlsIdentity} (null: no TLS). */
    public TurnConfig toConfig(String realm, TlsIdentity tlsIdentity) {
        return toConfig(realm, TurnConfig.Apps.Mode.OPEN, tlsIdentity);
    }

    /** The configuration in open mode without TLS. */
    public TurnConfig toConfig(String realm) {
        return toConfig(realm, null);
    }

    /** A size per second, as {@code 512KiB}; 0 for no limit. */
    public static final class BytesPerSecond implements ITypeConverter<Bandwidth> {
        @Override
        public Bandwidth convert(String value) {
            try {
                return new Bandwidth(ByteSize.parse(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a size per second (write it like 2MiB, or 0)");
            }
        }
    }

    /** {@code ADDRESS:PORT}, {@code [IPv6]:PORT}: a STUN address, so an IP literal, never a host name. */
    public static final class AlternateServer implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            String text = value.strip();
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "" : text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new TypeConversionException("'" + value + "': write an IPv6 address in brackets, [::1]:3478");
            }
            if (host.isEmpty()) {
                throw new TypeConversionException("'" + value + "' is not ADDRESS:PORT");
            }
            InetAddress address = new IpAddress().convert(host);
            int port = new Converters.Port().convert(text.substring(colon + 1));
            if (port == 0) {
                throw new TypeConversionException("'" + value + "': the port must not be 0");
            }
            return new InetSocketAddress(address, port);
        }
    }

    /** An IP address literal; host names are refused (no DNS lookup at start-up). */
    public static final class IpAddress implements ITypeConverter<InetAddress> {
        @Override
        public InetAddress convert(String value) {
            return Converters.parsed(() -> IpLiteral.parse(value));
        }
    }
}
