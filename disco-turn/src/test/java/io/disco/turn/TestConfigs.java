package io.disco.turn;

import io.disco.common.ice.TurnRestCredential;
import io.disco.common.net.IpLiteral;
import io.disco.common.tls.TlsIdentity;
import io.disco.turn.allocation.Bandwidth;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
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

    /**
     * {@code client}'s allocation with the time-limited credential of {@code app} signed with
     * {@code secret}, as the discovery API's GET /ice-servers hands it out: the first request
     * asks for the nonce.
     */
    static Reply allocateAs(UdpTurnClient client, String app, String secret) throws Exception {
        String username = (System.currentTimeMillis() / 1000 + 3600) + ":" + app;
        String nonce = client.call(Messages.allocate().encode()).nonce();
        return client.call(Messages.allocate().credentials(username, REALM, nonce,
                TurnRestCredential.password(secret, username)).fingerprint().encode());
    }
}
