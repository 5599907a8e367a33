package io.disco.signal;

import io.disco.common.cli.Converters;
import picocli.CommandLine.Option;

/** The signaling service's flags. */
public final class SignalOptions {

    @Option(names = "--signal-port", paramLabel = "PORT", defaultValue = "2443", converter = Converters.Port.class,
            description = "WebRTC-Signaling port, WAMP over secure websocket (default: ${DEFAULT-VALUE})")
    int port;

    public SignalConfig toConfig(String realm) {
        return new SignalConfig(port, realm);
    }
}
