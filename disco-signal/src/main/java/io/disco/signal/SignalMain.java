package io.disco.signal;

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
        footer = "Every flag can also be set from the environment: --realm as DISCO_REALM.")
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

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new SignalMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        ops.applyLogFormat(spec.name());
        if (signal.apps == Realms.Apps.REGISTERED) {
            throw new ParameterException(spec.commandLine(), SignalServer.NEEDS_APP_STORE);
        }
        SignalConfig config;
        OpsConfig opsConfig;
        try {
            config = signal.toConfig(realm.realm(), tls.load());
            opsConfig = ops.toConfig(adminToken.token());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Operations operations = new Operations();
        List<Service> services = new ArrayList<>();
        services.add(new SignalServer(config, new SignalContext(Clock.systemUTC(), Optional.empty(), operations)));
        OpsListener.of(opsConfig, operations).ifPresent(services::add);
        ServiceRunner.runUntilStopped(services);
        return 0;
    }
}
