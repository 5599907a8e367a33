package io.disco.all.multihost;

import io.disco.common.ice.IceServer;
import io.disco.common.ice.IceServers;
import io.disco.common.ice.IceUrl;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A TURN server of a {@code GET /ice-servers} answer as a WebRTC stack reaches it over UDP: the
 * first {@code turn:} URL of an entry (over UDP, or of no stated transport), with the entry's
 * credential.
 */
record IceRelay(InetSocketAddress address, String username, String credential) {

    private static final int DEFAULT_PORT = 3478;

    /** The answer's TURN servers, in its order. */
    static List<IceRelay> in(IceServers answer) {
        List<IceRelay> relays = new ArrayList<>();
        for (IceServer server : answer.iceServers()) {
            server.urls().stream().map(IceUrl::parse)
                    .filter(url -> url.scheme() == IceUrl.Scheme.TURN
                            && url.transport().orElse(IceUrl.Transport.UDP) == IceUrl.Transport.UDP)
                    .findFirst()
                    .ifPresent(url -> relays.add(new IceRelay(new InetSocketAddress(
                            Arguments.literal(url.host(), "a turn: URL's host"), url.port().orElse(DEFAULT_PORT)),
                            server.username(), server.credential())));
        }
        return relays;
    }

    @Override
    public String toString() {
        return "turn:" + UdpReflector.describe(address);
    }
}
