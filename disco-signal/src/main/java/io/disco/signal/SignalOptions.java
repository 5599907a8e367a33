package io.disco.signal;

import io.disco.common.cli.Converters;
import io.disco.common.tls.TlsIdentity;
import io.disco.signal.router.RouterLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The signaling router's flags: the original's, then this server's additions. */
public final class SignalOptions {

    @Option(names = "--signal-port", paramLabel = "PORT", defaultValue = "2443", converter = Converters.Port.class,
            description = "WebRTC-Signaling port, WAMP over secure websocket (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--signal-host", paramLabel = "ADDRESS", defaultValue = SignalConfig.DEFAULT_HOST,
            description = "Interface the signaling router listens on (default: ${DEFAULT-VALUE}, all)")
    String host;

    @Option(names = "--max-message-size", paramLabel = "SIZE", defaultValue = "1MiB",
            converter = Converters.PositiveByteSize.class,
            description = "Largest WAMP message accepted; a larger one closes its session (default: ${DEFAULT-VALUE})")
    long maxMessageBytes;

    @Option(names = "--keepalive", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.PositiveDuration.class,
            description = "WebSocket ping interval; a client silent for two intervals is dropped (default: ${DEFAULT-VALUE})")
    Duration keepalive;

    @Option(names = "--max-queued-messages", paramLabel = "N", defaultValue = "1024",
            description = "Messages that may wait to be sent to one client before it is dropped as too slow (default: ${DEFAULT-VALUE})")
    int maxQueued;

    @Option(names = "--max-registrations", paramLabel = "N", defaultValue = "1000",
            description = "Procedures one session may register (default: ${DEFAULT-VALUE})")
    int maxRegistrations;

    @Option(names = "--max-subscriptions", paramLabel = "N", defaultValue = "1000",
            description = "Topics one session may subscribe to (default: ${DEFAULT-VALUE})")
    int maxSubscriptions;

    @Option(names = "--max-pending-calls", paramLabel = "N", defaultValue = "1000",
            description = "Calls one session may have waiting for an answer (default: ${DEFAULT-VALUE})")
    int maxPendingCalls;

    @Option(names = "--apps", paramLabel = "MODE", defaultValue = "open", converter = Realms.Apps.Converter.class,
            description = "open: one anonymous realm, --realm, as the original; registered: a realm per registered"
                    + " application, its AppID, joined with the app's key (WAMP ticket or WAMP-CRA) (default: ${DEFAULT-VALUE})")
    Realms.Apps apps;

    @Option(names = "--anonymous-realm", defaultValue = "false",
            description = "With --apps registered, serve the anonymous realm --realm too (default: ${DEFAULT-VALUE})")
    boolean anonymousRealm;

    /** @throws IllegalArgumentException naming the flag when a value does not fit */
    public SignalConfig toConfig(String realm, TlsIdentity tls) {
        return new SignalConfig(host, port, new Realms(realm, apps, anonymousRealm), tls, maxMessageBytes, keepalive, maxQueued,
                new RouterLimits(maxRegistrations, maxSubscriptions, maxPendingCalls));
    }
}
