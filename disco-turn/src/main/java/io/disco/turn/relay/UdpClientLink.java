package io.disco.turn.relay;

import io.disco.turn.allocation.ClientLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** The way back to a UDP client: the server socket it wrote to, and its address. */
record UdpClientLink(DatagramChannel channel, InetSocketAddress client) implements ClientLink {

    @Override
    public void send(ByteBuffer frame) {
        try {
            channel.send(frame, client);
        } catch (IOException e) {
            // UDP: a full socket buffer or an ICMP error loses this datagram only.
        }
    }
}
