package io.disco.turn.relay;

import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Transport;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.protocol.RequestHandler;
import io.disco.turn.stun.ResponseEncoder;
import io.disco.turn.stun.StunRequest;
import io.disco.turn.stun.StunResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the server's UDP sockets (client to server direction) on a {@link UdpLoop}'s thread:
 * ChannelData and Send indications go down the {@link RelayPath}, requests are decoded, answered by
 * the {@link RequestHandler} and the answer sent back from the socket they came to. One direct
 * receive buffer is reused for every datagram, and ChannelData leaves for its peer from it.
 */
public final class UdpListener {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);

    private final List<ServerSocket> sockets;
    private final RequestHandler requests;
    private final ClientMessages messages;
    // Direct: the JDK receives into and sends from a heap buffer through a temporary direct one.
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65535);

    /** One bound server socket and the concrete local address clients reach it at. */
    record ServerSocket(DatagramChannel channel, InetSocketAddress local) {
    }

    /**
     * Reads one server socket, remembering the last client seen on it with its 5-tuple, so a
     * steady sender costs no allocation (the JDK hands back the same sender address object while
     * the sender does not change).
     */
    private final class SocketReader implements UdpLoop.Reader {
        final ServerSocket socket;
        InetSocketAddress client;
        FiveTuple fiveTuple;

        SocketReader(ServerSocket socket) {
            this.socket = socket;
        }

        @Override
        public void readReady() {
            drain(this);
        }
    }

    UdpListener(List<ServerSocket> sockets, RequestHandler requests, RelayPath relayPath) {
        this.sockets = List.copyOf(sockets);
        this.requests = requests;
        this.messages = new ClientMessages(relayPath);
    }

    /** Has {@code loop} read the server sockets from now on. */
    void serveOn(UdpLoop loop) {
        for (ServerSocket socket : sockets) {
            loop.register(socket.channel(), new SocketReader(socket));
        }
    }

    private void drain(SocketReader last) {
        ServerSocket socket = last.socket;
        for (int i = 0; i < UdpLoop.BATCH; i++) {
            buffer.clear();
            InetSocketAddress client;
            try {
                client = (InetSocketAddress) socket.channel().receive(buffer);
            } catch (IOException e) {
                return;
            }
            if (client == null) {
                return;
            }
            buffer.flip();
            if (client != last.client) {
                last.client = client;
                last.fiveTuple = new FiveTuple(client, socket.local(), Transport.UDP);
            }
            try {
                dispatch(socket, last.fiveTuple, client);
            } catch (RuntimeException e) {
                messages.dropped();
                LOG.debug("Dropped a datagram from {} that could not be handled", client, e);
            }
        }
    }

    private void dispatch(ServerSocket socket, FiveTuple fiveTuple, InetSocketAddress client) {
        StunRequest request = messages.route(fiveTuple, buffer);
        if (request != null) {
            UdpClientLink link = new UdpClientLink(socket.channel(), client);
            StunResponse response = requests.handle(request, fiveTuple, link);
            if (response != null) {
                link.send(ByteBuffer.wrap(ResponseEncoder.encode(response)));
            }
        }
    }

    /** Datagrams dropped as malformed, or not requests when they had to be. */
    public long malformed() {
        return messages.malformed();
    }
}
