package io.disco.turn.relay;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.RelayEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** One allocation's relay socket: a non-blocking UDP channel read by a {@link UdpLoop}. */
final class UdpRelayEndpoint implements RelayEndpoint {

    private final DatagramChannel channel;
    private final InetSocketAddress boundAddress;
    private final UdpLoop loop;

    UdpRelayEndpoint(DatagramChannel channel, InetSocketAddress boundAddress, UdpLoop loop) {
        this.channel = channel;
        this.boundAddress = boundAddress;
        this.loop = loop;
    }

    @Override
    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    @Override
    public void sendToPeer(ByteBuffer payload, InetSocketAddress peer) {
        try {
            channel.send(payload, peer);
        } catch (IOException e) {
            // UDP: an ICMP error surfaced by the OS or a full buffer loses this datagram only.
        }
    }

    @Override
    public void activate(Allocation owner) {
        loop.register(channel, owner);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to do: the port is released either way.
        }
        loop.closed();
    }
}
