package io.disco.turn.relay;

import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.Transport;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.protocol.RequestHandler;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that serves every TCP and TLS client connection: it waits on one selector and
 * hands what is ready to the {@link ConnectionAcceptor} (a listening socket) or to the
 * {@link TcpConnection} (reading, and writing out what a slow client's send queue holds); whole
 * frames go on to {@link StreamFrames}, and the open connections are kept by
 * {@link StreamConnections}.
 */
final class TcpLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpLoop.class);

    private final Selector selector;
    private final StreamFrames frames;
    private final StreamConnections connections;
    private final ConnectionAcceptor acceptor;
    private volatile boolean running = true;

    /**
     * @param maxConnections client connections open at most, TCP and TLS together
     */
    TcpLoop(RequestHandler requests, RelayPath relayPath, AllocationTable allocations, Clock clock,
            int maxConnections) throws IOException {
        this.selector = Selector.open();
        this.frames = new StreamFrames(requests, relayPath);
        this.connections = new StreamConnections(allocations, clock, maxConnections);
        this.acceptor = new ConnectionAcceptor(selector, connections, frames, clock);
    }

    /** Serves connections to {@code server}, over TLS when {@code tls} is given; before {@link #run}. */
    void listen(ServerSocketChannel server, TlsEngines tls) throws IOException {
        server.configureBlocking(false);
        Transport transport = tls == null ? Transport.TCP : Transport.TLS;
        server.register(selector, SelectionKey.OP_ACCEPT, new ConnectionAcceptor.Listening(transport, tls));
    }

    @Override
    public void run() {
        try {
            while (running) {
                // Per wake-up work in methods of their own, compiled as such (see UdpLoop.run).
                selector.select(this::onReady, acceptor.selectTimeoutMillis());
                acceptor.resumeWhenDue();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("TCP loop stopped", e);
            }
        } finally {
            closeAll();
        }
    }

    private void onReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() instanceof ConnectionAcceptor.Listening listening) {
            acceptor.accept(key, listening);
        } else {
            ((TcpConnection) key.attachment()).onReady(key);
        }
    }

    StreamConnections connections() {
        return connections;
    }

    /** Messages dropped as malformed, or not requests when they had to be. */
    long malformed() {
        return frames.malformed();
    }

    long refused() {
        return acceptor.refused();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Closes every connection and the selector; done by {@link #run} on its way out. */
    void closeAll() {
        connections.closeAll();
        try {
            selector.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
