package io.disco.turn.relay;

import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.protocol.RelayPath;
import io.disco.turn.protocol.RequestHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's stream side: TURN over TCP on the STUN/TURN port and, given a certificate, over
 * TLS on its own port, all connections served by one {@link TcpLoop} thread.
 *
 * <p>Unlike UDP, each listening socket is bound to the wildcard address: an accepted connection
 * knows the local address the client reached, which is all the 5-tuple and the advertised relay
 * address need.
 */
public final class TcpTransport {

    private final List<ServerSocketChannel> servers;
    private final TcpLoop loop;
    private final int port;
    private final int tlsPort;
    private volatile Thread thread;

    private TcpTransport(List<ServerSocketChannel> servers, TcpLoop loop, int port, int tlsPort) {
        this.servers = servers;
        this.loop = loop;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * Binds TCP {@code port} and, when {@code tls} is given, TLS {@code tlsPort} (0: a free port),
     * serving at most {@code maxConnections} client connections at a time.
     *
     * @throws BindException naming the port that is taken
     */
    public static TcpTransport bind(int port, int tlsPort, TlsEngines tls, RequestHandler requests,
                                    RelayPath relayPath, AllocationTable allocations, Clock clock, int maxConnections)
            throws IOException {
        List<ServerSocketChannel> servers = new ArrayList<>();
        try {
            TcpLoop loop = new TcpLoop(requests, relayPath, allocations, clock, maxConnections);
            ServerSocketChannel tcp = open(port, "tcp");
            servers.add(tcp);
            loop.listen(tcp, null);
            int boundTls = -1;
            if (tls != null) {
                ServerSocketChannel secure = open(tlsPort, "tls");
                servers.add(secure);
                loop.listen(secure, tls);
                boundTls = ((InetSocketAddress) secure.getLocalAddress()).getPort();
            }
            return new TcpTransport(servers, loop, ((InetSocketAddress) tcp.getLocalAddress()).getPort(), boundTls);
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel server : servers) {
                server.close();
            }
            throw e;
        }
    }

    private static ServerSocketChannel open(int port, String name) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            server.close();
            throw new BindException("TURN server cannot listen on " + name + "/" + port + ": " + e.getMessage());
        }
        return server;
    }

    public void start() {
        thread = new Thread(loop, "disco-turn-tcp");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return port;
    }

    /** The TLS port, or -1 when TLS is off. */
    public int tlsPort() {
        return tlsPort;
    }

    public long malformed() {
        return loop.malformed();
    }

    /** Connections closed at once because as many were open as allowed. */
    public long refused() {
        return loop.refused();
    }

    /** Open TCP and TLS connections. */
    public int connections() {
        return loop.connections().count();
    }

    /** Whether the TCP (and TLS) listeners are open and their thread serves them. */
    public boolean listening() {
        Thread serving = thread;
        return serving != null && serving.isAlive() && servers.stream().allMatch(ServerSocketChannel::isOpen);
    }

    /** Closes connections that have been open too long without an allocation (a periodic sweep). */
    public void closeIdle(long nowMillis) {
        loop.connections().closeIdle(nowMillis);
    }

    /** Stops accepting and closes every connection, which frees their allocations. */
    public void stop() {
        loop.stop();
        if (thread == null) {
            loop.closeAll();
        } else {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ServerSocketChannel server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
    }
}
