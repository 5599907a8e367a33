package io.disco.turn.relay;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.ClientLink;
import io.disco.turn.protocol.RelayPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the threads, one per core, that read the UDP sockets: each its share of the relay
 * sockets (peer to client: each datagram is received {@link RelayPath#HEADROOM} bytes into one
 * reused buffer, framed in place and sent to the client from the same buffer), and the first one
 * the server's sockets too (client to server, through {@link UdpListener}).
 *
 * <p>Why both directions on one loop: a relayed exchange is a client's datagram out and the
 * peer's answer back; on one thread both are read by the same wake-up when they come close
 * together, where two threads would each be woken and switched to, once per datagram.
 */
public final class UdpLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpLoop.class);
    /** Datagrams read from one socket before the others get their turn. */
    static final int BATCH = 32;
    private static final int MAX_DATAGRAM = 65535;

    private final Selector selector;
    private final RelayPath relayPath;
    private final Queue<Registration> pending = new ConcurrentLinkedQueue<>();
    // Room for the header in front and up to three bytes of padding behind the largest datagram;
    // direct, so the datagram goes from the socket to the client's socket with no copy in between.
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RelayPath.HEADROOM + MAX_DATAGRAM + 3);
    private volatile boolean running = true;
    private volatile boolean ended;

    /** What a socket's selection key carries: what reads the socket when it is ready. */
    interface Reader {
        void readReady();
    }

    private record Registration(DatagramChannel channel, Reader reader) {
    }

    public UdpLoop(RelayPath relayPath) throws IOException {
        this.selector = Selector.open();
        this.relayPath = relayPath;
    }

    /** Reads {@code channel}, a relay socket, for {@code owner}; from any thread. */
    void register(DatagramChannel channel, Allocation owner) {
        register(channel, () -> relay(channel, owner));
    }

    /** Has {@code reader} read {@code channel} whenever it is ready; from any thread. */
    void register(DatagramChannel channel, Reader reader) {
        pending.add(new Registration(channel, reader));
        selector.wakeup();
    }

    /**
     * Wakes the loop after one of its sockets was closed, from any thread: a socket registered with
     * a selector is released, its port free again, only when the selector drops its key, which it
     * does at its next select; an idle loop would hold the port until some datagram came.
     */
    void closed() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                // The work of a wake-up lives in methods of its own: this loop runs once for the
                // server's life, so the JIT would compile it only by on-stack replacement, which a
                // few iterations per second never trigger; it would stay interpreted.
                selector.select(UdpLoop::onReady);
                registerPending();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("UDP loop stopped", e);
            }
        } finally {
            ended = true;
        }
    }

    /** Whether its thread has returned, stopped or failed. */
    public boolean ended() {
        return ended;
    }

    private static void onReady(SelectionKey key) {
        if (key.isValid()) {
            ((Reader) key.attachment()).readReady();
        }
    }

    private void registerPending() {
        Registration registration;
        while ((registration = pending.poll()) != null) {
            try {
                registration.channel().register(selector, SelectionKey.OP_READ, registration.reader());
            } catch (ClosedChannelException e) {
                // Closed before it was registered: its allocation, or the server, went away already.
            }
        }
    }

    /** Relays a batch of the relay socket's datagrams; a stream client gets the batch in one write. */
    private void relay(DatagramChannel channel, Allocation owner) {
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
