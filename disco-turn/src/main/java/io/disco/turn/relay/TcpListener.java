package io.disco.turn.relay;

import io.disco.turn.allocation.Allocation;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Transport;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.protocol.RequestHandler;
import io.disco.turn.stun.ResponseEncoder;
import io.disco.turn.stun.StreamFrame;
import io.disco.turn.stun.StunRequest;
import io.disco.turn.stun.StunResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that serves every TCP and TLS client connection: accepts them, reads their streams
 * and hands each whole frame to the {@link RelayPath} (ChannelData, Send indications) or the
 * {@link RequestHandler} (requests, answered on the same connection), and writes out what a slow
 * client's send queue holds once it can take it. Each frame is copied to index 0 of one reused
 * buffer, where the protocol code expects a message; nothing is allocated per frame.
 */
final class TcpListener implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    /** Connections accepted at one go before the others are served. */
    private static final int ACCEPT_BATCH = 16;
    /**
     * How long accepting pauses when accept() fails (out of file descriptors, typically): the
     * waiting connection keeps the socket ready, and retrying at once would spin the thread.
     */
    private static final long ACCEPT_PAUSE_MILLIS = 100;
    /**
     * How long a connection may stay open without an allocation (coturn's default
     * max-allocate-timeout): otherwise idle sockets, which cost a descriptor each, could be held
     * open without ever authenticating.
     */
    static final Duration ALLOCATE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Challenges (401, 438) one connection may draw in a row. A client with the right password
     * needs one or two; one with a wrong password retries on every challenge, and over a stream,
     * where answers are not rate-limited, it would do so for ever: its connection ends instead.
     */
    static final int MAX_CHALLENGES_IN_A_ROW = 10;
    /** Refused connections are logged at most this often, with a count, so a flood is one line. */
    private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final Selector selector;
    private final RequestHandler requests;
    private final ClientMessages messages;
    private final AllocationTable allocations;
    private final Clock clock;
    private final int maxConnections;
    private final ByteBuffer frame = ByteBuffer.allocate(StreamFrame.MAX_LENGTH);
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    /** Listening sockets whose accepting is paused, and when it resumes; the selector thread's own. */
    private final List<SelectionKey> pausedAccepts = new ArrayList<>();
    private long acceptsResumeAtNanos;
    private long refusedSinceLog;
    private long refusalLoggedAtNanos = System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS;
    private volatile boolean running = true;

    /** A listening socket's selection-key attachment: the transport it serves, and TLS (or null). */
    private record Acceptor(Transport transport, TlsEngines tls) {
    }

    /**
     * @param maxConnections client connections open at most, TCP and TLS together: each one costs
     *                       a descriptor and buffers whether or not it ever allocates
     */
    TcpListener(RequestHandler requests, RelayPath relayPath, AllocationTable allocations, Clock clock,
                int maxConnections) throws IOException {
        this.selector = Selector.open();
        this.requests = requests;
        this.messages = new ClientMessages(relayPath);
        this.allocations = allocations;
        this.clock = clock;
        this.maxConnections = maxConnections;
    }

    /** Serves connections to {@code server}, over TLS when {@code tls} is given; before {@link #run}. */
    void listen(ServerSocketChannel server, TlsEngines tls) throws IOException {
        server.configureBlocking(false);
        Transport transport = tls == null ? Transport.TCP : Transport.TLS;
        server.register(selector, SelectionKey.OP_ACCEPT, new Acceptor(transport, tls));
    }

    @Override
    public void run() {
        try {
            while (running) {
                // Per wake-up work in methods of their own, compiled as such (see UdpLoop.run).
                selector.select(this::onReady, pausedAccepts.isEmpty() ? 0 : ACCEPT_PAUSE_MILLIS);
                resumeAccepts();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("TCP listener stopped", e);
            }
        } finally {
            closeAll();
        }
    }

    private void onReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() instanceof Acceptor acceptor) {
            accept(key, acceptor);
        } else {
            ((TcpConnection) key.attachment()).onReady(key);
        }
    }

    private void accept(SelectionKey key, Acceptor acceptor) {
        ServerSocketChannel server = (ServerSocketChannel) key.channel();
        for (int i = 0; i < ACCEPT_BATCH; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                // The connection waits in the backlog; accepting resumes after a pause.
                LOG.warn("Cannot accept {} connections for now ({}); pausing for {} ms", acceptor.transport(),
                        e.getMessage(), ACCEPT_PAUSE_MILLIS);
                key.interestOps(0);
                pausedAccepts.add(key);
                acceptsResumeAtNanos = System.nanoTime() + ACCEPT_PAUSE_MILLIS * 1_000_000;
                return;
            }
            if (channel == null) {
                return;
            }
            if (connections.size() >= maxConnections) {
                // Accepted only to be closed: left in the backlog it would keep the socket ready.
                refuse(channel, acceptor.transport());
                continue;
            }
            try {
                channel.configureBlocking(false);
                // Small messages (requests, ChannelData) should not wait for Nagle's coalescing.
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                FiveTuple fiveTuple = new FiveTuple((InetSocketAddress) channel.getRemoteAddress(),
                        (InetSocketAddress) channel.getLocalAddress(), acceptor.transport());
                TlsSession tls = acceptor.tls() == null ? null : new TlsSession(acceptor.tls().newServerEngine());
                connections.add(new TcpConnection(channel, selector, fiveTuple, tls, this, clock.millis()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("Dropped a {} connection at accept: {}", acceptor.transport(), e.getMessage());
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private void refuse(SocketChannel channel, Transport transport) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        refusedSinceLog++;
        long now = System.nanoTime();
        if (now - refusalLoggedAtNanos >= REFUSAL_LOG_INTERVAL_NANOS) {
            LOG.warn("Refused {} {} connection(s): {} connections are open, the most allowed (--max-allocations)",
                    refusedSinceLog, transport, maxConnections);
            refusedSinceLog = 0;
            refusalLoggedAtNanos = now;
        }
    }

    private void resumeAccepts() {
        if (pausedAccepts.isEmpty() || System.nanoTime() < acceptsResumeAtNanos) {
            return;
        }
        for (SelectionKey key : pausedAccepts) {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
        pausedAccepts.clear();
    }

    /** Handles the frame of {@code length} bytes at {@code offset} of {@code bytes}, from {@code connection}. */
    void dispatch(TcpConnection connection, byte[] bytes, int offset, int length) {
        byte[] message = frame.array();
        System.arraycopy(bytes, offset, message, 0, length);
        frame.clear().limit(length);
        FiveTuple fiveTuple = connection.fiveTuple();
        try {
            StunRequest request = messages.route(fiveTuple, frame);
            if (request == null) {
                // Relayed, or framed right but malformed: the stream goes on either way.
                return;
            }
            StunResponse response = requests.handle(request, fiveTuple, connection);
            if (response != null) {
                connection.send(ByteBuffer.wrap(ResponseEncoder.encode(response)));
                if (connection.countChallenge(isChallenge(response)) > MAX_CHALLENGES_IN_A_ROW) {
                    connection.close();
                }
            }
        } catch (RuntimeException e) {
            messages.dropped();
            LOG.debug("Dropped a message from {} that could not be handled", fiveTuple.client(), e);
        }
    }

    private static boolean isChallenge(StunResponse response) {
        return response.errorCode() == 401 || response.errorCode() == 438;
    }

    /** Frees the allocation of a connection that closed: it lives only as long as its connection. */
    void closed(TcpConnection connection) {
        connections.remove(connection);
        Allocation allocation = allocations.get(connection.fiveTuple(), clock.millis());
        if (allocation != null) {
            allocations.remove(allocation);
        }
    }

    /** Messages dropped as malformed, or not requests when they had to be. */
    long malformed() {
        return messages.malformed();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Closes the connections that have been open {@link #ALLOCATE_TIMEOUT} without an allocation. */
    void closeIdle(long nowMillis) {
        long openedBefore = nowMillis - ALLOCATE_TIMEOUT.toMillis();
        for (TcpConnection connection : connections) {
            if (connection.acceptedAtMillis() <= openedBefore
                    && allocations.get(connection.fiveTuple(), nowMillis) == null) {
                connection.close();
            }
        }
    }

    int connections() {
        return connections.size();
    }

    /** Closes every connection and the selector; done by {@link #run} on its way out. */
    void closeAll() {
        connections.forEach(TcpConnection::close);
        try {
            selector.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
