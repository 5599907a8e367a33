package io.disco.turn;

import io.disco.common.net.IpLiteral;
import io.disco.common.tls.TlsIdentity;
import io.disco.turn.allocation.Bandwidth;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Servers for tests: free ports, realm "main", the user test/test, relay ports on every address,
 * the relayed address the one each client reached, loopback peers allowed.
 */
final class TestConfigs {

    static final String REALM = "main";
    static final TurnConfig.Auth AUTH = new TurnConfig.Auth(REALM, "test", "test", List.of());
    static final TurnConfig.Relay RELAY = new TurnConfig.Relay(any(), any(), 49152, 65535);
    static final TurnConfig.Peers LOOPBACK_PEERS = new TurnConfig.Peers(List.of(), List.of(), true);
    static final TurnConfig.Limits LIMITS = new TurnConfig.Limits(100, 10, Duration.ofHours(1), Bandwidth.UNLIMITED);

    private TestConfigs() {
    }

    /** UDP and TCP on a free port; TLS too, on another, when {@code tls} is given. */
    static TurnConfig onFreePorts(TlsIdentity tls) {
        return onFreePorts(tls, LIMITS);
    }

    static TurnConfig onFreePorts(TlsIdentity tls, TurnConfig.Limits limits) {
        return new TurnConfig(new TurnConfig.Listeners(0, 0, tls), AUTH, RELAY, LOOPBACK_PEERS, limits);
    }

    static InetAddress any() {
        return IpLiteral.parse("0.0.0.0");
    }
}
