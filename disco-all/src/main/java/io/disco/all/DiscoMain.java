package io.disco.all;

import io.disco.api.ApiConfig;
import io.disco.api.ApiOptions;
import io.disco.api.ApiServer;
import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.RealmOption;
import io.disco.common.cli.TlsOptions;
import io.disco.common.service.ServiceRunner;
import io.disco.common.tls.TlsIdentity;
import io.disco.signal.SignalConfig;
import io.disco.signal.SignalOptions;
import io.disco.signal.SignalServer;
import io.disco.turn.TurnConfig;
import io.disco.turn.TurnOptions;
import io.disco.turn.TurnServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar disco.jar}: every service in one JVM, with the original's command line. */
@Command(name = "disco", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class,
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

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new DiscoMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        TlsIdentity identity = tls.load();
        ApiConfig apiConfig;
        SignalConfig signalConfig;
        TurnConfig turnConfig;
        try {
            apiConfig = api.toConfig(identity);
            signalConfig = signal.toConfig(realm.realm(), identity);
            turnConfig = turn.toConfig(realm.realm(), identity);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Clock clock = Clock.systemUTC();
        ServiceRunner.runUntilStopped(List.of(ApiServer.inMemory(apiConfig), new SignalServer(signalConfig, clock),
                new TurnServer(turnConfig, clock)));
        return 0;
    }
}
