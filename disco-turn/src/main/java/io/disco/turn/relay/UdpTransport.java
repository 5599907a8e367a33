package io.disco.turn.relay;

import io.disco.turn.protocol.RelayPath;
import io.disco.turn.protocol.RequestHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's UDP side: one socket per local address, all on the STUN/TURN port, read through a
 * {@link UdpListener} on one {@link UdpLoop}.
 *
 * <p>Why one socket per address rather than one on 0.0.0.0: a wildcard socket cannot tell which of
 * the host's addresses a datagram was sent to, yet that address is half of the 5-tuple, and, when
 * {@code --address} is left at 0.0.0.0, it is the relayed address to advertise (the one address we
 * know the client can reach). coturn listens the same way. Addresses that appear after start-up
 * are not served until a restart; IPv6 link-local addresses are skipped (they need a scope).
 */
public final class UdpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final List<UdpListener.ServerSocket> sockets;
    private final UdpListener listener;
    private final int port;

    private UdpTransport(List<UdpListener.ServerSocket> sockets, UdpListener listener, int port) {
        this.sockets = sockets;
        this.listener = listener;
        this.port = port;
    }

    /**
     * Binds {@code port} (0: a free port, the same on every address) on every local address.
     *
     * @throws BindException naming the port when it cannot be bound on loopback, the first address
     */
    public static UdpTransport bind(int port, RequestHandler requests, RelayPath relayPath) throws IOException {
        List<UdpListener.ServerSocket> sockets = new ArrayList<>();
        int bound = port;
        try {
            for (InetAddress address : localAddresses()) {
                DatagramChannel channel = DatagramChannel.open(address instanceof Inet4Address
                        ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                try {
                    channel.configureBlocking(false);
                    SocketBuffers.size(channel, SocketBuffers.SERVER_SOCKET);
                    channel.bind(new InetSocketAddress(address, bound));
                } catch (IOException e) {
                    channel.close();
                    // The first address (loopback) decides: a port taken there is taken, and start-up
                    // fails. Later ones may be unusable for their own reasons (an IPv6 address still
                    // in duplicate address detection): they are skipped with a warning.
                    if (sockets.isEmpty()) {
                        throw new BindException("TURN server cannot listen on udp/" + bound + " ("
                                + address.getHostAddress() + "): " + e.getMessage());
                    }
                    LOG.warn("Not serving {} on udp/{}: {}", address.getHostAddress(), bound, e.getMessage());
                    continue;
                }
                InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
                bound = local.getPort();
                sockets.add(new UdpListener.ServerSocket(channel, local));
            }
            return new UdpTransport(sockets, new UdpListener(sockets, requests, relayPath), bound);
        } catch (IOException | RuntimeException e) {
            for (UdpListener.ServerSocket socket : sockets) {
                socket.channel().close();
            }
            throw e;
        }
    }

    /** Loopback first, so that with port 0 the port is chosen where tests will talk. */
    private static List<InetAddress> localAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!(address instanceof Inet6Address && address.isLinkLocalAddress())) {
                    addresses.add(address);
                }
            }
        }
        addresses.sort(Comparator.comparing((InetAddress a) -> !a.isLoopbackAddress())
                .thenComparing(a -> a instanceof Inet6Address));
        return addresses;
    }

    /** Starts serving clients on {@code loop}'s thread. */
    public void start(UdpLoop loop) {
        listener.serveOn(loop);
    }

    public int port() {
        return port;
    }

    public long malformed() {
        return listener.malformed();
    }

    /** Whether every server socket is still open. */
    public boolean listening() {
        return sockets.stream().allMatch(socket -> socket.channel().isOpen());
    }

    /** Closes the server sockets, which takes them off their loop. */
    public void stop() {
        for (UdpListener.ServerSocket socket : sockets) {
            try {
                socket.channel().close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
    }
}
