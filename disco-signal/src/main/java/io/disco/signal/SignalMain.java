package io.disco.signal;

import io.disco.common.apps.AppDirectory;
import io.disco.common.cli.AdminTokenOption;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.RealmOption;
import io.disco.common.cli.TlsOptions;
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
import io.disco.signal.cluster.ClusterMember;
import io.disco.redis.ClusterOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar disco-signal.jar}: the signaling router on its own. */
@Command(name = "disco-signal", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class, subcommands = DrainCommand.class,
        description = "WebRTC signaling for Babble: a WAMP v2 router over secure websocket.",
        footer = {"With --apps registered, the router reads the registered applications from the discovery API's Redis"
                + " (--store), never from the API itself, and needs no admin token.",
                "Every flag can also be set from the environment: --realm as DISCO_REALM."})
public final class SignalMain implements Callable<Integer> {

    @Mixin
    SignalOptions signal;

    @Mixin
    RealmOption realm;

    @Mixin
    TlsOptions tls;

    @Mixin
    OpsOptions ops;

    @Mixin
    AdminTokenOption adminToken;
    // Here rather than in SignalOptions: disco.jar, which mixes those in, has the API's --store.
    @Mixin
    SharedStoreOptions store;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new SignalMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        ops.applyLogFormat(spec.name());
        SignalConfig config;
        OpsConfig opsConfig;
        Optional<RedisLocation> apps;
        Optional<ClusterConfig> clusterConfig;
        try {
            clusterConfig = cluster.toConfig(RedisOptions.of(spec));
            apps = store.forApps(signal.apps == Realms.Apps.REGISTERED, SignalServer.NEEDS_APP_STORE);
            config = signal.toConfig(realm.realm(), tls.load());
            opsConfig = ops.toConfig(adminToken.token());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Clock clock = Clock.systemUTC();
        Operations operations = new Operations();
        Optional<RedisAppDirectory> directory = apps.map(location -> RedisAppDirectory.open(location, clock));
        try (ClusterMember member = ClusterMember.join(clusterConfig)) {
            List<Service> services = new ArrayList<>();
            services.add(new SignalServer(config, new SignalContext(clock, directory.map(AppDirectory.class::cast),
                    operations, member.cluster())));
            OpsListener.of(opsConfig, operations).ifPresent(services::add);
            ServiceRunner.runUntilStopped(services);
        } finally {
            directory.ifPresent(RedisAppDirectory::close);
        }
        return 0;
    }
}
