package io.disco.turn;

import io.disco.common.apps.AppDirectory;
import io.disco.common.cli.AdminTokenOption;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.Converters;
import io.disco.common.cli.RealmOption;
import io.disco.common.cli.TlsOptions;
import io.disco.common.ice.IceUrl;
import io.disco.common.service.Service;
import io.disco.common.service.ServiceRunner;
import io.disco.ops.DrainCommand;
import io.disco.ops.Operations;
import io.disco.ops.OpsConfig;
import io.disco.ops.OpsListener;
import io.disco.ops.OpsOptions;
import io.disco.redis.RedisLocation;
import io.disco.redis.RedisOptions;
import io.disco.redis.SharedStoreOptions;
import io.disco.redis.apps.RedisAppDirectory;
import io.disco.redis.ClusterConfig;
import io.disco.redis.ClusterOptions;
import io.disco.redis.fleet.TurnFleet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code java -jar disco-turn.jar}: the STUN/TURN server on its own. */
@Command(name = "disco-turn", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class, subcommands = DrainCommand.class,
        description = "STUN/TURN relay for WebRTC peers, with long-term credentials.",
        footer = {"TURN over TLS (--ice-tls-port) is served only when --cert-file is given.",
                "With --apps registered, the relay reads the registered applications from the discovery API's Redis"
                        + " (--store), never from the API itself, and needs no admin token.",
                "Every flag can also be set from the environment: --ice-port as DISCO_ICE_PORT."})
public final class TurnMain implements Callable<Integer> {

    @Mixin
    TurnOptions turn;

    @Mixin
    RealmOption realm;

    @Mixin
    TlsOptions tls;

    @Mixin
    OpsOptions ops;

    @Mixin
    AdminTokenOption adminToken;

    // Here rather than in TurnOptions: disco.jar, which mixes those in, has its own --apps.
    @Option(names = "--apps", paramLabel = "MODE", defaultValue = "open", converter = AppsMode.class,
            description = "open: the static user and any time-limited user, as the original; registered: only"
                    + " time-limited users expiry:AppID of registered applications, read from the discovery API's"
                    + " Redis (--store) (default: ${DEFAULT-VALUE})")
    TurnConfig.Apps.Mode apps;

    @Mixin
    SharedStoreOptions store;

    @Mixin
    ClusterOptions cluster;

    // Here rather than in TurnOptions: in disco.jar the API's --ice-url names the relay too.
    @Option(names = "--ice-url", paramLabel = "URL", split = ",", converter = AnnouncedUrl.class,
            description = "With --cluster: a URL clients reach this relay at, announced to the fleet for GET"
                    + " /ice-servers to hand out: turn:host[:port], turns:host[:port] (?transport=udp or tcp) or"
                    + " stun:host[:port]; a draining relay names a turn: one with an IP address in ALTERNATE-SERVER;"
                    + " repeatable (default: none)")
    List<IceUrl> iceUrls = List.of();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new TurnMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        ops.applyLogFormat(spec.name());
        TurnConfig config;
        OpsConfig opsConfig;
        Optional<RedisLocation> registered;
        Optional<ClusterConfig> fleetConfig;
        try {
            registered = store.forApps(apps == TurnConfig.Apps.Mode.REGISTERED, TurnServer.NEEDS_APP_STORE);
            fleetConfig = cluster.toConfig(RedisOptions.of(spec));
            if (fleetConfig.isEmpty() && !iceUrls.isEmpty()) {
                throw new IllegalArgumentException("--ice-url is what a relay announces to its --cluster;"
                        + " without --cluster it would go unused");
            }
            fleetConfig.ifPresent(announcing -> FleetMembership.announced(iceUrls));
            config = turn.toConfig(realm.realm(), apps, certificateGiven() ? tls.load() : null);
            opsConfig = ops.toConfig(adminToken.token());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Clock clock = Clock.systemUTC();
        Operations operations = new Operations();
        Optional<RedisAppDirectory> directory = registered.map(location -> RedisAppDirectory.open(location, clock));
        Optional<TurnFleet> fleet = Optional.empty();
        try {
            fleet = fleetConfig.map(fleetOf -> TurnFleet.open(fleetOf, clock));
            Optional<FleetMembership> membership = fleet.map(joined -> new FleetMembership(joined, iceUrls));
            List<Service> services = new ArrayList<>();
            services.add(new TurnServer(config, new TurnContext(clock, directory.map(AppDirectory.class::cast),
                    operations, membership)));
            OpsListener.of(opsConfig, operations).ifPresent(services::add);
            ServiceRunner.runUntilStopped(services);
        } finally {
            fleet.ifPresent(TurnFleet::close);
            directory.ifPresent(RedisAppDirectory::close);
        }
        return 0;
    }

    /** {@code open} or {@code registered}. */
    static final class AppsMode implements ITypeConverter<TurnConfig.Apps.Mode> {
        @Override
        public TurnConfig.Apps.Mode convert(String value) {
            return switch (value) {
                case "open" -> TurnConfig.Apps.Mode.OPEN;
                case "registered" -> TurnConfig.Apps.Mode.REGISTERED;
                default -> throw new TypeConversionException("expected open or registered, not '" + value + "'");
            };
        }
    }

    /** A STUN or TURN URL, checked at start-up. */
    static final class AnnouncedUrl implements ITypeConverter<IceUrl> {
        @Override
        public IceUrl convert(String value) {
            return Converters.parsed(() -> IceUrl.parse(value));
        }
    }

    /**
     * Whether {@code --cert-file} was given, on the command line or in the environment: TURN over
     * TLS is off by default, so the flag's default file is not looked for.
     */
    private boolean certificateGiven() throws Exception {
        OptionSpec certFile = spec.findOption("--cert-file");
        IDefaultValueProvider environment = spec.defaultValueProvider();
        return spec.commandLine().getParseResult().hasMatchedOption(certFile)
                || (environment != null && environment.defaultValue(certFile) != null);
    }
}
