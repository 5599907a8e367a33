package io.disco.turn;

import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.RealmOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code java -jar disco-turn.jar}: the STUN/TURN server on its own. */
@Command(name = "disco-turn", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class,
        description = "STUN/TURN relay for WebRTC peers, with long-term credentials.")
public final class TurnMain implements Callable<Integer> {

    @Mixin
    TurnOptions turn;

    @Mixin
    RealmOption realm;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new TurnMain(), args));
    }

    @Override
    public Integer call() {
        turn.toConfig(realm.realm());
        throw new UnsupportedOperationException("the TURN server is not part of this build yet");
    }
}
