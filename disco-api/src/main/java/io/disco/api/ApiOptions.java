package io.disco.api;

import io.disco.api.apps.AppsConfig;
import io.disco.api.cors.WebOrigin;
import io.disco.api.group.GroupLimits;
import io.disco.api.group.TtlPolicy;
import io.disco.api.ice.IceConfig;
import io.disco.api.quorum.QuorumFloor;
import io.disco.common.admin.AdminToken;
import io.disco.common.cli.AdminTokenOption;
import io.disco.common.cli.Converters;
import io.disco.common.ice.IceUrl;
import io.disco.common.tls.TlsIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The discovery service's flags: the original's, then this server's additions. */
public final class ApiOptions {

    @Option(names = "--disco-port", paramLabel = "PORT", defaultValue = "1443", converter = Converters.Port.class,
            description = "Discovery API port, HTTPS (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--disco-host", paramLabel = "ADDRESS", defaultValue = ApiConfig.DEFAULT_HOST,
            description = "Interface the discovery API listens on (default: ${DEFAULT-VALUE}, all)")
    String host;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = TtlPolicy.DEFAULT_TTL,
            converter = Converters.PositiveDuration.class,
            description = "Group Time To Live, after which groups not updated are deleted (default: ${DEFAULT-VALUE})")
    Duration ttl;

    // The misspelling is the original's flag; scripts pass it, so it stays, beside the right one.
    @Option(names = {"--ttl-hearbeat", "--ttl-heartbeat"}, paramLabel = "DURATION", defaultValue = "1m0s",
            converter = Converters.PositiveDuration.class,
            description = "How often expired groups are deleted (default: ${DEFAULT-VALUE})")
    Duration sweepInterval;

    @Option(names = "--min-ttl", paramLabel = "DURATION", defaultValue = TtlPolicy.DEFAULT_MIN_TTL,
            converter = Converters.PositiveDuration.class,
            description = "Smallest TTL a group may ask for (default: ${DEFAULT-VALUE})")
    Duration minTtl;

    @Option(names = "--max-ttl", paramLabel = "DURATION", defaultValue = TtlPolicy.DEFAULT_MAX_TTL,
            converter = Converters.PositiveDuration.class,
            description = "Largest TTL a group may ask for (default: ${DEFAULT-VALUE})")
    Duration maxTtl;

    @Option(names = "--max-body-size", paramLabel = "SIZE", defaultValue = "1MiB",
            converter = Converters.PositiveByteSize.class,
            description = "Largest request body accepted, larger ones get 413 (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(names = "--max-peers", paramLabel = "N", defaultValue = "" + GroupLimits.DEFAULT_MAX_PEERS,
            description = "Most peers a group may list in Peers or GenesisPeers (default: ${DEFAULT-VALUE})")
    int maxPeers;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",", converter = Origin.class,
            description = "Web origin (scheme://host[:port], or *) whose pages may call the API from a browser; "
                    + "repeatable (default: none)")
    List<WebOrigin> corsOrigins = List.of();

    @Option(names = "--min-quorum", paramLabel = "QUORUM", defaultValue = "none", converter = MinQuorum.class,
            description = "Weakest Quorum a new group gets, whose members must sign its updates and deletes: "
                    + "none, creator, majority or two-thirds (default: ${DEFAULT-VALUE})")
    QuorumFloor minQuorum;

    @Option(names = "--access-log", description = "Log a line for each request at INFO on logger disco.access: "
            + "client address, method, path (without the query), status, bytes and time taken")
    boolean accessLog;

    // Its own mixin: the metrics listener of every jar takes the same token for POST /drain.
    @Mixin
    AdminTokenOption adminToken;

    @Option(names = "--key-grace", paramLabel = "DURATION", defaultValue = AppsConfig.DEFAULT_KEY_GRACE,
            converter = Converters.PositiveDuration.class,
            description = "How long an application's key keeps working once a new one is issued "
                    + "(default: ${DEFAULT-VALUE})")
    Duration keyGrace;

    // Comma-separated lists too, as the relay's flags, so one DISCO_ variable can carry several.
    @Option(names = "--ice-url", paramLabel = "URL", split = ",", converter = IceServerUrl.class,
            description = "STUN or TURN server GET /ice-servers hands out: stun:host[:port], turn:host[:port] or "
                    + "turns:host[:port], ending in ?transport=udp or tcp for TURN if needed; repeatable "
                    + "(default: none; in disco.jar the relay of the same process, at the host clients asked for)")
    List<IceUrl> iceUrls = List.of();

    @Option(names = "--ice-ttl", paramLabel = "DURATION", defaultValue = IceConfig.DEFAULT_TTL,
            converter = Converters.PositiveDuration.class,
            description = "How long the TURN credentials GET /ice-servers hands out work (default: ${DEFAULT-VALUE})")
    Duration iceTtl;

    @Mixin
    StoreOptions store;

    @Mixin
    LimitOptions bounds;

    /** The admin token, which the metrics listener's POST /drain takes too. */
    public Optional<AdminToken> adminToken() {
        return adminToken.token();
    }

    /**
     * In open mode, without TURN secrets.
     *
     * @throws IllegalArgumentException naming the flag when the values do not fit together
     */
    public ApiConfig toConfig(TlsIdentity tls) {
        return toConfig(tls, AppsConfig.Mode.OPEN, List.of());
    }

    /**
     * @param apps        {@code --apps}, which is not among these flags: {@code disco.jar} has one
     *                    for every service, {@code disco-api.jar} its own
     * @param authSecrets {@code --auth-secret}, not among these flags either: {@code disco.jar}
     *                    shares the relay's
     * @throws IllegalArgumentException naming the flag when the values do not fit together
     */
    public ApiConfig toConfig(TlsIdentity tls, AppsConfig.Mode apps, List<String> authSecrets) {
        if (maxPeers < 0) {
            throw new IllegalArgumentException("--max-peers must not be negative");
        }
        return new ApiConfig(host, port, tls, store.toConfig(), new TtlPolicy(ttl, minTtl, maxTtl),
                sweepInterval, maxBodyBytes, GroupLimits.withMaxPeers(maxPeers), bounds.quota(), bounds.writeLimit(),
                corsOrigins, minQuorum, new AppsConfig(apps, adminToken(), keyGrace),
                new IceConfig(iceUrls, authSecrets, iceTtl), accessLog);
    }

    /** open or registered. */
    public static final class AppsMode implements ITypeConverter<AppsConfig.Mode> {
        @Override
        public AppsConfig.Mode convert(String value) {
            return Converters.parsed(() -> AppsConfig.Mode.parse(value));
        }
    }

    /** A STUN or TURN URL, checked at start-up. */
    public static final class IceServerUrl implements ITypeConverter<IceUrl> {
        @Override
        public IceUrl convert(String value) {
            return Converters.parsed(() -> IceUrl.parse(value));
        }
    }

    /** A quorum floor, checked at start-up. */
    public static final class MinQuorum implements ITypeConverter<QuorumFloor> {
        @Override
        public QuorumFloor convert(String value) {
            return Converters.parsed(() -> QuorumFloor.parse(value));
        }
    }

    /** A web origin, checked at start-up. */
    public static final class Origin implements ITypeConverter<WebOrigin> {
        @Override
        public WebOrigin convert(String value) {
            return Converters.parsed(() -> WebOrigin.parse(value));
        }
    }
}
