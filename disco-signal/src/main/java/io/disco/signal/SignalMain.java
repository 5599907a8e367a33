package io.disco.signal;

import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.RealmOption;
import io.disco.common.cli.TlsOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code java -jar disco-signal.jar}: the signaling router on its own. */
@Command(name = "disco-signal", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandRunner.ManifestVersion.class,
        description = "WebRTC signaling for Babble: a WAMP v2 router over secure websocket.")
public final class SignalMain implements Callable<Integer> {

    @Mixin
    SignalOptions signal;

    @Mixin
    RealmOption realm;

    @Mixin
    TlsOptions tls;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new SignalMain(), args));
    }

    @Override
    public Integer call() {
        signal.toConfig(realm.realm());
        throw new UnsupportedOperationException("the signaling router is not part of this build yet");
    }
}
