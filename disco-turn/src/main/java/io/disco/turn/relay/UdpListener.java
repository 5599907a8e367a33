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
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that reads the server's UDP sockets (client to server direction): ChannelData and
 * Send indications go down the {@link RelayPath}, requests are decoded, answered by the
 * {@link RequestHandler} and the answer sent back from the socket they came to. One receive buffer
 * is reused for every datagram.
 */
public final class UdpListener implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
    private static final int BATCH = 32;

    private final Selector selector;
    private final List<ServerSocket> sockets;
    private final RequestHandler requests;
    private final ClientMessages messages;
    private final ByteBuffer buffer = ByteBuffer.allocate(65535);
    private volatile boolean running = true;

    /** One bound server socket and the concrete local address clients reach it at. */
    record ServerSocket(DatagramChannel channel, InetSocketAddress local) {
    }

    /**
     * A socket's selection-key attachment: the socket, and the last client seen on it with its
     * 5-tuple, so a steady sender costs no allocation (the JDK hands back the same sender address
     * object while the sender does not change).
     */
    private static final class Attachment {
        final ServerSocket socket;
        InetSocketAddress client;
        FiveTuple fiveTuple;

        Attachment(ServerSocket socket) {
            this.socket = socket;
        }
    }

    UdpListener(List<ServerSocket> sockets, RequestHandler requests, RelayPath relayPath) throws IOException {
        this.selector = Selector.open();
        this.sockets = List.copyOf(sockets);
        this.requests = requests;
        this.messages = new ClientMessages(relayPath);
        for (ServerSocket socket : sockets) {
            socket.channel().register(selector, SelectionKey.OP_READ, new Attachment(socket));
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        drain((Attachment) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("UDP listener stopped", e);
            }
        }
    }

    private void drain(Attachment last) {
        ServerSocket socket = last.socket;
        for (int i = 0; i < BATCH; i++) {
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

    public void stop() {
        running = false;
        try {
            selector.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
