package io.disco.turn.allocation;

import java.nio.ByteBuffer;

/**
 * The way back to an allocation's client, whatever the transport: for UDP the server socket the
 * client wrote to and the client's address; for TCP and TLS its connection, which pads ChannelData
 * as a stream requires.
 */
public interface ClientLink {

    /** Sends the remaining bytes of {@code frame} (a STUN message or ChannelData) without blocking. */
    void send(ByteBuffer frame);

    /**
     * As {@link #send}, but the link may copy the frame and hold it back until {@link #flush}, to
     * write several in one go: the relay thread sends each batch of a peer's datagrams this way.
     */
    default void sendHeld(ByteBuffer frame) {
        send(frame);
    }

    /** Writes whatever {@link #sendHeld} held back. */
    default void flush() {
    }
}
