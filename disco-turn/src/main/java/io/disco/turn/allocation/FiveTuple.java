package io.disco.turn.allocation;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Client address, server address and transport: what identifies an allocation (RFC 5766 §2.2).
 * The protocol logic sees only this, never the socket a message came on.
 */
public record FiveTuple(InetSocketAddress client, InetSocketAddress server, Transport transport) {

    public FiveTuple {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(transport, "transport");
    }
}
