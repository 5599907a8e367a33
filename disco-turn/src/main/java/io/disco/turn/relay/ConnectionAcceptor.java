package io.disco.turn.relay;

import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP and TLS client connections on the selector thread, within the connection limit:
 * past it a connection is closed at once, and when accept() itself fails (out of file
 * descriptors, typically) accepting pauses a while rather than spin. The selector thread's own.
 */
final class ConnectionAcceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAcceptor.class);
    /** Connections accepted at one go before the others are served. */
    private static final int BATCH = 16;
    /**
     * How long accepting pauses when accept() fails: the waiting connection keeps the socket
     * ready, and retrying at once would spin the thread.
     */
    static final long PAUSE_MILLIS = 100;
    /** Refused connections are logged at most this often, with a count, so a flood is one line. */
    private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;

    /** A listening socket's selection-key attachment: the transport it serves, and TLS (or null). */
    record Listening(Transport transport, TlsEngines tls) {
    }

    private final Selector selector;
    private final StreamConnections connections;
    private final StreamFrames frames;
    private final Clock clock;
    /** Listening sockets whose accepting is paused, and when it resumes. */
    private final List<SelectionKey> paused = new ArrayList<>();
    private long resumeAtNanos;
    private final LongAdder refused = new LongAdder();
    private long refusedSinceLog;
    private long refusalLoggedAtNanos = System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS;

    ConnectionAcceptor(Selector selector, StreamConnections connections, StreamFrames frames, Clock clock) {
        this.selector = selector;
        this.connections = connections;
        this.frames = frames;
        this.clock = clock;
    }

    /** Accepts what waits on the listening socket of {@code key}. */
    void accept(SelectionKey key, Listening listening) {
        ServerSocketChannel server = (ServerSocketChannel) key.channel();
        for (int i = 0; i < BATCH; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                // The connection waits in the backlog; accepting resumes after a pause.
                LOG.warn("Cannot accept {} connections for now ({}); pausing for {} ms", listening.transport(),
                        e.getMessage(), PAUSE_MILLIS);
                key.interestOps(0);
                paused.add(key);
                resumeAtNanos = System.nanoTime() + PAUSE_MILLIS * 1_000_000;
                return;
            }
            if (channel == null) {
                return;
            }
            if (connections.full()) {
                // Accepted only to be closed: left in the backlog it would keep the socket ready.
                refuse(channel, listening.transport());
                continue;
            }
            open(channel, listening);
        }
    }

    private void open(SocketChannel channel, Listening listening) {
        try {
            channel.configureBlocking(false);
            // Small messages (requests, ChannelData) should not wait for Nagle's coalescing.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            FiveTuple fiveTuple = new FiveTuple((InetSocketAddress) channel.getRemoteAddress(),
                    (InetSocketAddress) channel.getLocalAddress(), listening.transport());
            TlsSession tls = listening.tls() == null ? null : new TlsSession(listening.tls().newServerEngine());
            connections.opened(new TcpConnection(channel, selector, fiveTuple, tls, frames, connections,
                    clock.millis()));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Dropped a {} connection at accept: {}", listening.transport(), e.getMessage());
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private void refuse(SocketChannel channel, Transport transport) {
        // Counted before the close, which is all the client sees: one that then reads the counter finds it.
        refused.increment();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        refusedSinceLog++;
        long now = System.nanoTime();
        if (now - refusalLoggedAtNanos >= REFUSAL_LOG_INTERVAL_NANOS) {
            LOG.warn("Refused {} {} connection(s): {} connections are open, the most allowed (--max-allocations)",
                    refusedSinceLog, transport, connections.max());
            refusedSinceLog = 0;
            refusalLoggedAtNanos = now;
        }
    }

    /** Connections refused since start. */
    long refused() {
        return refused.sum();
    }

    /** How long the selector may wait before {@link #resumeWhenDue} has work: 0 for as long as it likes. */
    long selectTimeoutMillis() {
        return paused.isEmpty() ? 0 : PAUSE_MILLIS;
    }

    /** Accepts again on the paused sockets once their pause is over. */
    void resumeWhenDue() {
        if (paused.isEmpty() || System.nanoTime() < resumeAtNanos) {
            return;
        }
        for (SelectionKey key : paused) {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
        paused.clear();
    }
}
