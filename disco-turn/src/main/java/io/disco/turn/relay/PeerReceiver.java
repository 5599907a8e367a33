package io.disco.turn.relay;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.ClientLink;
import io.disco.turn.protocol.RelayPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the threads that read the relay sockets (peer to client direction), one per core, each
 * reading its share of them through its own selector. Each datagram is received
 * {@link RelayPath#HEADROOM} bytes into one reused buffer, framed in place and sent to the client
 * from the same buffer.
 */
public final class PeerReceiver implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerReceiver.class);
    /** Datagrams read from one socket before the others get their turn. */
    private static final int BATCH = 32;
    private static final int MAX_DATAGRAM = 65535;

    private final Selector selector;
    private final RelayPath relayPath;
    private final Queue<Registration> pending = new ConcurrentLinkedQueue<>();
    // Room for the header in front and up to three bytes of padding behind the largest datagram.
    private final ByteBuffer buffer = ByteBuffer.allocate(RelayPath.HEADROOM + MAX_DATAGRAM + 3);
    private volatile boolean running = true;

    private record Registration(DatagramChannel channel, Allocation owner) {
    }

    public PeerReceiver(RelayPath relayPath) throws IOException {
        this.selector = Selector.open();
        this.relayPath = relayPath;
    }

    void register(DatagramChannel channel, Allocation owner) {
        pending.add(new Registration(channel, owner));
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select();
                registerPending();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        drain((DatagramChannel) key.channel(), (Allocation) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("Relay receiver stopped", e);
            }
        }
    }

    private void registerPending() {
        Registration registration;
        while ((registration = pending.poll()) != null) {
            try {
                registration.channel().register(selector, SelectionKey.OP_READ, registration.owner());
            } catch (IOException e) {
                // Closed before it was registered: the allocation went away already.
            }
        }
    }

    /** Relays a batch of the socket's datagrams; a stream client gets the batch in one write. */
    private void drain(DatagramChannel channel, Allocation owner) {
        ClientLink client = owner.client();
        for (int i = 0; i < BATCH; i++) {
            buffer.clear().position(RelayPath.HEADROOM).limit(RelayPath.HEADROOM + MAX_DATAGRAM);
            InetSocketAddress peer;
            try {
                peer = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                break;
            }
            if (peer == null) {
                break;
            }
            buffer.limit(buffer.position());
            if (relayPath.toClient(owner, peer, buffer)) {
                client.sendHeld(buffer);
            }
        }
        client.flush();
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
