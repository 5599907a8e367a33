package io.disco.api;

import io.disco.api.apps.AppsConfig;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.TlsOptions;
import io.disco.common.service.Service;
import io.disco.common.service.ServiceRunner;
import io.disco.ops.DrainCommand;
import io.disco.ops.Operations;
import io.disco.ops.OpsConfig;
import io.disco.ops.OpsListener;
import io.disco.ops.OpsOptions;
import io.disco.redis.RedisOptions;
import io.disco.redis.ClusterConfig;
import io.disco.redis.ClusterOptions;
import io.disco.redis.fleet.TurnFleet;
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

/** {@code java -jar disco-api.jar}: the discovery API on its own. */
@Command(name = "disco-api", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class, subcommands = {ExportCommand.class, ImportCommand.class, DrainCommand.class},
        description = "Discovery API for Babble groups: advertise, list, update and delete groups over HTTPS.",
        footer = "Every flag can also be set from the environment: --ttl as DISCO_TTL, --disco-port as DISCO_DISCO_PORT.")
public final class ApiMain implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Mixin
    TlsOptions tls;

    @Mixin
    OpsOptions ops;

    @Mixin
    ClusterOptions cluster;

    // Here rather than in ApiOptions: disco.jar, which mixes those in, has one --apps for every service.
    @Option(names = "--apps", paramLabel = "MODE", defaultValue = "open", converter = ApiOptions.AppsMode.class,
            description = "open: every group request is served, as the original; registered: only registered "
                    + "applications' groups, each to its own key (Authorization: Bearer AppID:key) "
                    + "(default: ${DEFAULT-VALUE})")
    AppsConfig.Mode apps;

    // Here for the same reason: in disco.jar the relay's --auth-secret is the API's too.
    @Option(names = "--auth-secret", paramLabel = "SECRET", split = ",",
            description = "Secret shared with the TURN servers, which signs the time-limited credentials "
                    + "GET /ice-servers hands out (username expiry[:AppID], password base64(HMAC-SHA1(secret, "
                    + "username))); when several are given the first signs, as the relay rotates them "
                    + "(default: none)")
    List<String> authSecrets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new ApiMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        ops.applyLogFormat(spec.name());
        ApiConfig config;
        OpsConfig opsConfig;
        Optional<ClusterConfig> fleetConfig;
        try {
            config = api.toConfig(tls.load(), apps, authSecrets);
            fleetConfig = cluster.toConfig(RedisOptions.of(spec));
            opsConfig = ops.toConfig(api.adminToken());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Clock clock = Clock.systemUTC();
        Operations operations = new Operations();
        Optional<TurnFleet> fleet = fleetConfig.map(fleetOf -> TurnFleet.open(fleetOf, clock));
        try {
            List<Service> services = new ArrayList<>();
            ApiContext context = ApiContext.open(config.store(), clock, operations);
            services.add(new ApiServer(config, fleet.map(context::withFleet).orElse(context)));
            OpsListener.of(opsConfig, operations).ifPresent(services::add);
            ServiceRunner.runUntilStopped(services);
        } finally {
            fleet.ifPresent(TurnFleet::close);
        }
        return 0;
    }
}
