package io.disco.all;

import io.disco.api.ApiConfig;
import io.disco.api.ApiContext;
import io.disco.api.ApiOptions;
import io.disco.api.ApiServer;
import io.disco.api.apps.AppsConfig;
import io.disco.api.ice.LocalRelay;
import io.disco.common.apps.AppDirectory;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.RealmOption;
import io.disco.common.cli.TlsOptions;
import io.disco.common.service.Service;
import io.disco.common.service.ServiceRunner;
import io.disco.common.tls.TlsIdentity;
import io.disco.ops.DrainCommand;
import io.disco.ops.Operations;
import io.disco.ops.OpsListener;
import io.disco.ops.OpsOptions;
import io.disco.redis.RedisOptions;
import io.disco.redis.ClusterConfig;
import io.disco.redis.fleet.TurnFleet;
import io.disco.signal.SignalConfig;
import io.disco.signal.SignalContext;
import io.disco.signal.SignalOptions;
import io.disco.signal.SignalServer;
import io.disco.redis.ClusterConfig;
import io.disco.signal.cluster.ClusterMember;
import io.disco.redis.ClusterOptions;
import io.disco.turn.FleetMembership;
import io.disco.turn.TurnConfig;
import io.disco.turn.TurnContext;
import io.disco.turn.TurnOptions;
import io.disco.turn.TurnServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar disco.jar}: every service in one JVM, with the original's command line. */
@Command(name = "disco", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class, subcommands = DrainCommand.class,
        description = "Discovery service for Babble: discovery API, WebRTC signaling and TURN in one process.",
        footer = "Every flag can also be set from the environment: --ttl as DISCO_TTL, --disco-port as DISCO_DISCO_PORT.")
public final class DiscoMain implements Callable<Integer> {

    @Mixin
    TurnOptions turn;

    @Mixin
    TlsOptions tls;

    @Mixin
    ApiOptions api;

    @Mixin
    SignalOptions signal;

    @Mixin
    RealmOption realm;

    @Mixin
    OpsOptions ops;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--no-api", description = "Do not run the discovery API")
    boolean noApi;

    @Option(names = "--no-signal", description = "Do not run the signaling router")
    boolean noSignal;

    @Option(names = "--no-turn", description = "Do not run the STUN/TURN server")
    boolean noTurn;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new DiscoMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (noApi && noSignal && noTurn) {
            throw new ParameterException(spec.commandLine(), "--no-api, --no-signal and --no-turn leave nothing to run");
        }
        ops.applyLogFormat(spec.name());
        TlsIdentity identity = tls.load();
        Clock clock = Clock.systemUTC();
        List<Service> services = new ArrayList<>();
        ClusterMember member = null;
        Optional<TurnFleet> fleet = Optional.empty();
        // One for every service: one listener shows them all, and one drain drains them all.
        Operations operations = new Operations();
        try {
            // Every service's flags are checked, also those of a service switched off, so that
            // switching it back on cannot bring up a surprise.
            SignalConfig signalConfig = signal.toConfig(realm.realm(), identity);
            Optional<ClusterConfig> clusterConfig = cluster.toConfig(RedisOptions.of(spec));
            // One --apps for the API, the router and the relay: an app's peers discover, signal
            // and relay alike.
            boolean registered = signalConfig.realms().registered();
            TurnConfig turnConfig = turn.toConfig(realm.realm(), registered
                    ? TurnConfig.Apps.Mode.REGISTERED : TurnConfig.Apps.Mode.OPEN, identity);
            // One --auth-secret too: the API signs the credentials the relay checks.
            ApiConfig apiConfig = api.toConfig(identity, registered ? AppsConfig.Mode.REGISTERED : AppsConfig.Mode.OPEN,
                    turnConfig.auth().secrets());
            if (clusterConfig.isPresent() && !noTurn) {
                // One --ice-url too: what the API hands out is what the relay announces.
                FleetMembership.announced(apiConfig.ice().urls());
            }
            // The router and the relay learn the apps from the API's store, in this process.
            Optional<AppDirectory> apps = Optional.empty();
            ApiContext apiContext = null;
            if (!noApi) {
                apiContext = ApiContext.open(apiConfig.store(), clock, operations);
                apps = Optional.of(apiContext.apps());
            }
            // One --cluster too: the relay announces itself where the routers meet, and the API reads it there.
            fleet = clusterConfig.filter(joined -> !noApi || !noTurn)
                    .map(joined -> TurnFleet.open(joined, clock));
            TurnServer turnServer = noTurn ? null : new TurnServer(turnConfig, new TurnContext(clock, apps, operations,
                    fleet.map(joined -> new FleetMembership(joined, apiConfig.ice().urls()))));
            // The relay starts first and stops last: the API names its ports in GET /ice-servers,
            // which they must be listening on by the time the API answers.
            if (turnServer != null) {
                services.add(turnServer);
            }
            if (!noApi) {
                // Without --ice-url, GET /ice-servers names this relay, at the host clients reached the API at.
                ApiContext withRelay = turnServer == null ? apiContext
                        : apiContext.withLocalRelay(LocalRelay.of(turnServer::port, turnServer::tlsPort));
                services.add(new ApiServer(apiConfig, fleet.map(withRelay::withFleet).orElse(withRelay)));
            }
            if (!noSignal) {
                member = ClusterMember.join(clusterConfig);
                services.add(new SignalServer(signalConfig, new SignalContext(clock, apps, operations,
                        member.cluster())));
            }
            OpsListener.of(ops.toConfig(api.adminToken()), operations).ifPresent(services::add);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            ServiceRunner.runUntilStopped(services);
        } finally {
            if (member != null) {
                member.close();
            }
            fleet.ifPresent(TurnFleet::close);
        }
        return 0;
    }
}
