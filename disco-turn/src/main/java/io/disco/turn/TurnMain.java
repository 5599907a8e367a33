package io.disco.turn;

import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.RealmOption;
import io.disco.common.cli.TlsOptions;
import io.disco.common.service.ServiceRunner;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar disco-turn.jar}: the STUN/TURN server on its own. */
@Command(name = "disco-turn", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class,
        description = "STUN/TURN relay for WebRTC peers, with long-term credentials.",
        footer = {"TURN over TLS (--ice-tls-port) is served only when --cert-file is given.",
                "Every flag can also be set from the environment: --ice-port as DISCO_ICE_PORT."})
public final class TurnMain implements Callable<Integer> {

    @Mixin
    TurnOptions turn;

    @Mixin
    RealmOption realm;

    @Mixin
    TlsOptions tls;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new TurnMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        TurnConfig config;
        try {
            config = turn.toConfig(realm.realm(), certificateGiven() ? tls.load() : null);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ServiceRunner.runUntilStopped(List.of(new TurnServer(config, new TurnContext(Clock.systemUTC()))));
        return 0;
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
