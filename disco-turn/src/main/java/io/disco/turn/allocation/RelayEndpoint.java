package io.disco.turn.allocation;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The relayed transport address of one allocation as the I/O layer provides it: where peers send
 * to and from where the server sends to peers.
 */
public interface RelayEndpoint {

    /** The address the socket is bound to (its port is what the allocation advertises). */
    InetSocketAddress boundAddress();

    /**
     * Sends the remaining bytes of {@code payload} to {@code peer} without blocking; a datagram
     * that cannot be sent at once is dropped, as UDP may.
     */
    void sendToPeer(ByteBuffer payload, InetSocketAddress peer);

    /** Starts delivering what peers send to {@code owner}; called once the allocation exists. */
    void activate(Allocation owner);

    /** Closes the socket; idempotent. */
    void close();
}
