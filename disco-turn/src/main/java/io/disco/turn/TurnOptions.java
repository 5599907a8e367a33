package io.disco.turn;

import io.disco.common.cli.Converters;
import picocli.CommandLine.Option;

/** The TURN server's flags, with the original's names and defaults. */
public final class TurnOptions {

    @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Advertise address of the TURN relay (use the public address) (default: ${DEFAULT-VALUE})")
    String address;

    @Option(names = "--ice-port", paramLabel = "PORT", defaultValue = "3478", converter = Converters.Port.class,
            description = "ICE (STUN/TURN) server port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--ice-username", paramLabel = "NAME", defaultValue = "test",
            description = "ICE server username; only this user may use the TURN server (default: ${DEFAULT-VALUE})")
    String username;

    @Option(names = "--ice-password", paramLabel = "PASSWORD", defaultValue = "test",
            description = "ICE server password corresponding to the username (default: ${DEFAULT-VALUE})")
    String password;

    public TurnConfig toConfig(String realm) {
        return new TurnConfig(address, port, realm, username, password);
    }
}
