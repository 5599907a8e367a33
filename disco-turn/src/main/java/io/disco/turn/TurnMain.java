package io.disco.turn;

import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.RealmOption;
import io.disco.common.service.ServiceRunner;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar disco-turn.jar}: the STUN/TURN server on its own. */
@Command(name = "disco-turn", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class,
        description = "STUN/TURN relay for WebRTC peers, with long-term credentials.",
        footer = "Every flag can also be set from the environment: --ice-port as DISCO_ICE_PORT.")
public final class TurnMain implements Callable<Integer> {

    @Mixin
    TurnOptions turn;

    @Mixin
    RealmOption realm;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new TurnMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        TurnConfig config;
        try {
            config = turn.toConfig(realm.realm());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ServiceRunner.runUntilStopped(List.of(new TurnServer(config, Clock.systemUTC())));
        return 0;
    }
}
